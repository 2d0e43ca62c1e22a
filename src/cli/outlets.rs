//! `prov outlets import` and `prov outlets show`: raters' tables into outlets
//! files, and an outlet's ratings side by side.

use super::{EXIT_ERROR, RulesArg, load_rules};
use clap::{Args, Subcommand, ValueEnum};
use prov::outlet::spread_by_domain;
use prov::raters::{self, Duplicates, Table};
use prov::report::plural;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum OutletsCommand {
    /// Read a rater's table into an outlets file (use it with `--outlets FILE`).
    Import(ImportArgs),
    /// Show an outlet's ratings side by side, its prior, and whether the raters disagree.
    Show {
        /// A domain or URL (`reuters.com`), or an outlet's name or alias.
        outlet: String,
        #[command(flatten)]
        rules: RulesArg,
    },
}

#[derive(Args)]
pub struct ImportArgs {
    /// The rater's table (CSV with a header line).
    file: PathBuf,
    /// Which rater's table: `mbfc` (source, factual_reporting, and media_type for
    /// the outlets' kinds if the table has it), `lin2023` (domain, pc1) or `csv`
    /// (name the columns and the scale).
    #[arg(long, value_enum)]
    format: TableFormat,
    /// The outlets file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The date (or year) of the rater's list, written with every rating.
    #[arg(long, default_value = "unknown")]
    date: String,
    /// The rater's name (default: the format's name; required for `csv`).
    #[arg(long)]
    rater: Option<String>,
    /// `csv`: the column that holds the domain.
    #[arg(long, default_value = "domain", value_name = "COLUMN")]
    domain_column: String,
    /// `csv`: the column that holds the score.
    #[arg(long, value_name = "COLUMN")]
    score_column: Option<String>,
    /// `csv`: the range of the score, mapped linearly onto 0-100 (`0..1`, `1..5`).
    #[arg(long, value_name = "MIN..MAX")]
    scale: Option<String>,
    /// A domain rated differently on several lines: refuse the table (`error`) or
    /// keep the lowest rating (`lowest`, listed in the file's header).
    #[arg(long, value_enum, default_value_t = DuplicatesArg::Error)]
    duplicates: DuplicatesArg,
    /// Overwrite an existing output file.
    #[arg(long)]
    force: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    Mbfc,
    Lin2023,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum DuplicatesArg {
    Error,
    Lowest,
}

pub fn run(command: OutletsCommand) -> io::Result<u8> {
    match command {
        OutletsCommand::Import(args) => import(args),
        OutletsCommand::Show { outlet, rules } => show(&outlet, &rules),
    }
}

fn usage(message: &str) -> io::Result<u8> {
    note!("prov: error: {message}");
    Ok(EXIT_ERROR)
}

fn table(args: &ImportArgs) -> Result<Table, String> {
    let mut table = match args.format {
        TableFormat::Mbfc => Table::mbfc(&args.date),
        TableFormat::Lin2023 => Table::lin2023(&args.date),
        TableFormat::Csv => {
            let rater = args
                .rater
                .as_deref()
                .ok_or("--format csv needs --rater NAME")?;
            let score =
                (args.score_column.as_deref()).ok_or("--format csv needs --score-column")?;
            let scale = args
                .scale
                .as_deref()
                .ok_or("--format csv needs --scale MIN..MAX")?;
            let (min, max) = scale
                .split_once("..")
                .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
                .filter(|(a, b): &(f64, f64)| a.is_finite() && b.is_finite() && a < b)
                .ok_or_else(|| format!("--scale `{scale}`: expected MIN..MAX with MIN < MAX"))?;
            Table::csv(rater, &args.date, &args.domain_column, score, min, max)
        }
    };
    if let Some(rater) = &args.rater {
        table.rater = rater.clone();
    }
    table.duplicates = match args.duplicates {
        DuplicatesArg::Error => Duplicates::Error,
        DuplicatesArg::Lowest => Duplicates::Lowest,
    };
    Ok(table)
}

fn import(args: ImportArgs) -> io::Result<u8> {
    let table = match table(&args) {
        Ok(table) => table,
        Err(message) => return usage(&message),
    };
    if args.out.exists() && !args.force {
        let out = args.out.display();
        return usage(&format!(
            "{out} already exists (use --force to overwrite it)"
        ));
    }
    let shown = args.file.display().to_string();
    let bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(e) => return usage(&format!("cannot read {shown}: {e}")),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return usage(&format!("{shown} is not UTF-8 text"));
    };
    let import = match raters::read(&text, &table) {
        Ok(import) => import,
        Err(errors) => {
            for e in &errors {
                note!("prov: error: {shown}:{}: {}", e.line, e.message);
            }
            let n = errors.len();
            let s = if n == 1 { "" } else { "s" };
            note!("prov: error: {shown}: {n} problem{s}; nothing was written");
            return Ok(EXIT_ERROR);
        }
    };
    let name = args
        .file
        .file_name()
        .map_or(shown.clone(), |n| n.to_string_lossy().into_owned());
    if let Err(e) = write_whole(&args.out, &raters::render(&import, &table, &name)) {
        return usage(&format!("cannot write {}: {e}", args.out.display()));
    }
    note!(
        "prov: wrote {}: {} rated by {} ({}; {} left out and {} kept at their lowest, listed in its header)",
        args.out.display(),
        plural(import.rated.len(), "domain"),
        table.rater,
        plural(import.rows, "row"),
        plural(import.left_out.len(), "row"),
        plural(import.lowest_kept.len(), "conflicting duplicate")
    );
    Ok(0)
}

/// Write a file whole or not at all: into a temporary file beside it, then renamed over it.
fn write_whole(path: &Path, text: &str) -> io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".partial");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

fn show(query: &str, rules: &RulesArg) -> io::Result<u8> {
    let settings = match load_rules(rules) {
        Ok(settings) => settings,
        Err(code) => return Ok(code),
    };
    let registry = &settings.registry;
    let Some((outlet, entry)) = registry.find(query) else {
        return usage(&format!(
            "no outlet `{query}` in the registry ({})",
            settings.source
        ));
    };
    let mut out = format!(
        "{} ({}): {}\n",
        outlet.name,
        kind(outlet.kind),
        outlet.domains.join(", ")
    );
    let mut table = comfy_table::Table::new();
    table
        .load_style(comfy_table::presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_header(["rater", "list date", "domain", "rated", "score"]);
    for r in &entry.ratings {
        table.add_row([
            r.rater.as_str(),
            &r.date,
            r.domain.as_deref().unwrap_or(""),
            &r.raw,
            &number(r.score),
        ]);
    }
    let combination = registry.combination();
    let combined = combination.combine(&entry.ratings);
    if entry.ratings.is_empty() {
        out.push_str("no ratings\n");
    } else {
        out.push_str(&format!("{table}\n"));
    }
    let rule = match combination {
        prov::outlet::Combination::Mean => "the mean over raters",
        prov::outlet::Combination::Min => "the lowest rater",
    };
    let prior = match (entry.outlet.prior, combined) {
        (Some(explicit), combined) => {
            let source = entry
                .source
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            let other = combined
                .map(|c| format!("; {rule} would give {}", number(c)))
                .unwrap_or_default();
            format!(
                "prior: {} (explicit `prior` in the rules{source}{other})",
                number(explicit)
            )
        }
        (None, Some(c)) => format!(
            "prior: {} (prior-combination = \"{}\": {rule})",
            number(c),
            combination.name()
        ),
        (None, None) => format!(
            "prior: none (articles start from base {})",
            number(settings.base)
        ),
    };
    out.push_str(&prior);
    out.push('\n');
    for (domain, spread) in spread_by_domain(&entry.ratings) {
        out.push_str(&agreement(domain, spread, settings.disagreement));
        out.push('\n');
    }
    io::stdout().lock().write_all(out.as_bytes())?;
    Ok(0)
}

/// Whether the raters of one domain agree: their ratings differ by at most `threshold` points.
fn agreement(domain: Option<&str>, spread: f64, threshold: f64) -> String {
    let on = domain.map(|d| format!(" on {d}")).unwrap_or_default();
    let (points, limit) = (number(spread), number(threshold));
    if spread > threshold {
        format!("disagree{on}: the raters differ by {points} points, more than {limit}")
    } else {
        format!("agree{on}: the raters differ by {points} points, at most {limit}")
    }
}

/// A score to one decimal, without a trailing `.0`.
fn number(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    rounded.to_string()
}

fn kind(kind: prov::outlet::OutletKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

//! The command line: arguments (clap), and each command as a function that
//! loads, runs the library's pipeline and writes what it renders.

use clap::{Args, Parser, Subcommand, ValueEnum};
use prov::analysis::{self, Analysis};
use prov::config::DEFAULT_RULES;
use prov::corpus;
use prov::report::{self, Report};
use prov::settings::{Settings, kind_name};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Exit code: a `--fail-under` gate failed.
pub const EXIT_GATE: u8 = 1;
/// Exit code: a usage, rules or input error.
pub const EXIT_ERROR: u8 = 2;

/// Where a news story came from, and how far each copy of it can be trusted.
#[derive(Parser)]
#[command(name = "prov", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score articles into a reliability table.
    Score(ScoreArgs),
    /// Trace the story to its origins: the citation graph, for Graphviz, Mermaid or programs.
    Graph(GraphArgs),
    /// List, check or explain the rules.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Write the default rules.toml into the current folder.
    Init {
        /// Overwrite an existing rules.toml.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args)]
struct ScoreArgs {
    /// Files and folders to read (`-` for standard input).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RulesArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
    format: ScoreFormat,
    /// Exit with 1 when any article scores below N.
    #[arg(long, value_name = "N")]
    fail_under: Option<u32>,
}

#[derive(Args)]
struct GraphArgs {
    /// Files and folders to read (`-` for standard input).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RulesArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    format: GraphFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Dot,
    Mermaid,
    Json,
    ProvJson,
}

#[derive(Args)]
struct RulesArg {
    /// Rules file to use instead of the built-in rules.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScoreFormat {
    Table,
    Json,
    Csv,
    Markdown,
}

#[derive(Subcommand)]
enum RulesCommand {
    /// List every rule with its kind, severity and weight.
    List(RulesArg),
    /// Validate a rules file (default: ./rules.toml, else the built-in rules).
    Check { file: Option<PathBuf> },
    /// Explain a rule or a signal.
    Explain {
        /// A rule id or a signal name.
        id: String,
        #[command(flatten)]
        rules: RulesArg,
    },
}

pub fn run(cli: Cli) -> io::Result<u8> {
    match cli.command {
        Command::Score(args) => score(args),
        Command::Graph(args) => graph(args),
        Command::Rules(RulesCommand::List(rules)) => with_rules(&rules, list_rules),
        Command::Rules(RulesCommand::Check { file }) => check_rules(file),
        Command::Rules(RulesCommand::Explain { id, rules }) => {
            with_rules(&rules, |s| explain(s, &id))
        }
        Command::Init { force } => init(force),
    }
}

fn colour_stderr() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The rules to use: `--rules FILE`, or the built-in ones. Problems are printed
/// with their snippets and become exit code 2, before any article is read.
fn load_rules(path: Option<&Path>) -> Result<Settings, u8> {
    let Some(path) = path else {
        return Ok(Settings::builtin());
    };
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        eprintln!("prov: error: cannot read rules file {shown}: {e}");
        EXIT_ERROR
    })?;
    Settings::parse(&text, &shown).map_err(|errors| {
        eprint!(
            "{}",
            report::diagnostics::rules_errors(&errors, &text, colour_stderr())
        );
        let count = errors.len();
        eprintln!(
            "prov: error: {shown}: {count} problem{}; no article was read",
            if count == 1 { "" } else { "s" }
        );
        EXIT_ERROR
    })
}

fn with_rules(rules: &RulesArg, then: impl FnOnce(&Settings) -> io::Result<u8>) -> io::Result<u8> {
    match load_rules(rules.rules.as_deref()) {
        Ok(settings) => then(&settings),
        Err(code) => Ok(code),
    }
}

fn score(args: ScoreArgs) -> io::Result<u8> {
    let settings = match load_rules(args.rules.rules.as_deref()) {
        Ok(settings) => settings,
        Err(code) => return Ok(code),
    };
    let corpus = corpus::load(&args.paths);
    let analysis = analysis::analyze(corpus, &settings);
    let renderer: &dyn Report = match args.format {
        ScoreFormat::Table => &report::Table,
        ScoreFormat::Json => &report::Json,
        ScoreFormat::Csv => &report::Csv,
        ScoreFormat::Markdown => &report::Markdown,
    };
    io::stdout()
        .lock()
        .write_all(renderer.render(&analysis, &settings).as_bytes())?;
    report_inputs(&analysis);
    Ok(exit_code(&analysis, args.fail_under))
}

fn graph(args: GraphArgs) -> io::Result<u8> {
    let settings = match load_rules(args.rules.rules.as_deref()) {
        Ok(settings) => settings,
        Err(code) => return Ok(code),
    };
    let analysis = analysis::analyze(corpus::load(&args.paths), &settings);
    let graph = &analysis.graph;
    let pretty =
        |v: serde_json::Value| serde_json::to_string_pretty(&v).expect("plain data") + "\n";
    let text = match args.format {
        GraphFormat::Dot => prov::graph::to_dot(graph),
        GraphFormat::Mermaid => prov::graph::to_mermaid(graph),
        GraphFormat::Json => pretty(prov::graph::to_json(graph)),
        GraphFormat::ProvJson => pretty(prov::graph::to_prov_json(graph)),
    };
    io::stdout().lock().write_all(text.as_bytes())?;
    report_inputs(&analysis);
    Ok(exit_code(&analysis, None))
}

/// Every input that did not become an article, then the totals, on stderr.
fn report_inputs(analysis: &Analysis) {
    for e in &analysis.errors {
        eprintln!("prov: skipped {}: {}", e.path, e.error);
    }
    for path in &analysis.hidden {
        eprintln!(
            "prov: skipped {path}: hidden (name starts with a dot; give it by name to read it)"
        );
    }
    let (scored, errors, hidden) = (
        analysis.documents.len(),
        analysis.errors.len(),
        analysis.hidden.len(),
    );
    let why = if hidden == 0 {
        String::new()
    } else {
        format!(" ({errors} with errors, {hidden} hidden)")
    };
    eprintln!(
        "prov: {} inputs: {scored} scored, {} skipped{why}",
        scored + errors + hidden,
        errors + hidden
    );
}

fn exit_code(analysis: &Analysis, fail_under: Option<u32>) -> u8 {
    let below = |n: u32| analysis.verdicts.iter().any(|v| v.score.score < n);
    if !analysis.errors.is_empty() {
        EXIT_ERROR
    } else if fail_under.is_some_and(below) {
        EXIT_GATE
    } else {
        0
    }
}

fn list_rules(settings: &Settings) -> io::Result<u8> {
    let mut table = comfy_table::Table::new();
    table
        .load_style(comfy_table::presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_width(100)
        .set_header(["id", "kind", "severity", "weight", "cap", "on", "message"]);
    for r in &settings.rules {
        let severity = format!("{:?}", r.severity).to_lowercase();
        let cap = r.cap.map(|c| c.to_string()).unwrap_or_default();
        let on = if r.enabled { "yes" } else { "no" };
        table.add_row([
            r.id.as_str(),
            kind_name(r.kind),
            &severity,
            &format!("{:+}", r.weight),
            &cap,
            on,
            &r.message,
        ]);
    }
    writeln!(
        io::stdout().lock(),
        "{table}\nRules from {}.",
        settings.source
    )?;
    Ok(0)
}

fn check_rules(file: Option<PathBuf>) -> io::Result<u8> {
    let file = file.or_else(|| Some(PathBuf::from("rules.toml")).filter(|p| p.exists()));
    let settings = match load_rules(file.as_deref()) {
        Ok(settings) => settings,
        Err(code) => return Ok(code),
    };
    let enabled = settings.rules.iter().filter(|r| r.enabled).count();
    writeln!(
        io::stdout().lock(),
        "{}: ok ({} rules, {enabled} enabled; {} outlets)",
        settings.source,
        settings.rules.len(),
        settings.registry.outlets().len()
    )?;
    Ok(0)
}

fn explain(settings: &Settings, id: &str) -> io::Result<u8> {
    let text = if let Some(rule) = settings.rule(id) {
        let cap = rule
            .cap
            .map(|c| format!(", caps the score at {c}"))
            .unwrap_or_default();
        let severity = format!("{:?}", rule.severity).to_lowercase();
        let kind = kind_name(rule.kind);
        format!(
            "{id}: {kind} rule, {severity}, weight {:+}{cap}\n{}\n\n{}\n",
            rule.weight,
            rule.message,
            rule.explanation.trim()
        )
    } else if let Some(signal) = prov::detect::signals().find(|s| s.name == id) {
        format!("{id}: signal\n\n{}\n", signal.explanation)
    } else {
        eprintln!("prov: error: no rule or signal named `{id}` (see `prov rules list`)");
        return Ok(EXIT_ERROR);
    };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(0)
}

fn init(force: bool) -> io::Result<u8> {
    let path = Path::new("rules.toml");
    if path.exists() && !force {
        eprintln!("prov: error: rules.toml already exists here (use --force to overwrite it)");
        return Ok(EXIT_ERROR);
    }
    std::fs::write(path, DEFAULT_RULES)?;
    eprintln!("prov: wrote rules.toml; edit it, then use it with `prov score --rules rules.toml`");
    Ok(0)
}

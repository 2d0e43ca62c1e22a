//! The command line: arguments (clap), and each command as a function that
//! loads, runs the library's pipeline and writes what it renders.

/// `eprintln!` that does not panic when stderr is closed (`prov score 2>&1 >/dev/null
/// | true` exited 101): a message that cannot be written is let go, and the exit
/// code still says what happened.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use note;

mod audit;
mod outlets;

use clap::{Args, Parser, Subcommand, ValueEnum};
use prov::analysis::{self, Analysis};
use prov::config::DEFAULT_RULES;
use prov::corpus::{Inputs, visible, visible_line};
use prov::report::{self, JsonLayout, Report};
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
    /// Write one self-contained HTML report: the table, findings, origins and graph.
    Report(ReportArgs),
    /// Audit one draft against a corpus: diagnostics on its lines, and what to do about them.
    Audit(audit::AuditArgs),
    /// Trace the story to its origins: the citation graph, for Graphviz, Mermaid or programs.
    Graph(GraphArgs),
    /// List, check or explain the rules.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Import raters' tables of outlets, and show an outlet's ratings.
    #[command(subcommand)]
    Outlets(outlets::OutletsCommand),
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
    /// Exit with 1 when any article scores below N (0-100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    fail_under: Option<u32>,
    /// No progress bar (it is shown only when stderr is a terminal anyway).
    #[arg(long, short)]
    quiet: bool,
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

#[derive(Args)]
struct ReportArgs {
    /// Files and folders to read (`-` for standard input).
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    rules: RulesArg,
    /// The HTML file to write.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
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
    pub(crate) rules: Option<PathBuf>,
    /// Outlets file (from `prov outlets import`) to add to the rules' registry; repeatable.
    #[arg(long, value_name = "FILE")]
    pub(crate) outlets: Vec<PathBuf>,
}

impl RulesArg {
    /// The rules and outlets files given, which a walk of the inputs passes over.
    fn files(&self) -> Vec<PathBuf> {
        self.rules.iter().chain(&self.outlets).cloned().collect()
    }
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
    if let Err(code) = stdin_once(&cli.command.inputs()) {
        return Ok(code);
    }
    match cli.command {
        Command::Score(args) => score(args),
        Command::Audit(args) => audit::audit(args),
        Command::Graph(args) => graph(args),
        Command::Report(args) => html_report(args),
        Command::Rules(RulesCommand::List(rules)) => with_rules(&rules, list_rules),
        Command::Rules(RulesCommand::Check { file }) => check_rules(file),
        Command::Rules(RulesCommand::Explain { id, rules }) => {
            with_rules(&rules, |s| explain(s, rules.rules.as_deref(), &id))
        }
        Command::Outlets(command) => outlets::run(command),
        Command::Init { force } => init(force),
    }
}

impl Command {
    /// The articles to read that the command line names.
    fn inputs(&self) -> Vec<&Path> {
        let paths = match self {
            Command::Score(args) => &args.paths,
            Command::Graph(args) => &args.paths,
            Command::Report(args) => &args.paths,
            Command::Audit(args) => return args.inputs(),
            Command::Rules(_) | Command::Outlets(_) | Command::Init { .. } => return Vec::new(),
        };
        paths.iter().map(PathBuf::as_path).collect()
    }
}

/// Standard input can be read once: `-` named twice is a usage error, said
/// before anything is read (the second `-` would find it empty).
fn stdin_once(inputs: &[&Path]) -> Result<(), u8> {
    if inputs.iter().filter(|path| path.as_os_str() == "-").count() > 1 {
        note!("prov: error: standard input (\"-\") given twice");
        return Err(EXIT_ERROR);
    }
    Ok(())
}

fn colour_stderr() -> bool {
    io::stderr().is_terminal() && colour_allowed()
}

pub(crate) fn colour_stdout() -> bool {
    io::stdout().is_terminal() && colour_allowed()
}

fn colour_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The rules to use: `--rules FILE`, or the built-in ones, with the outlets of
/// every `--outlets FILE` added. Problems are printed with their snippets and
/// become exit code 2, before any article is read. An outlet's prior set aside
/// for an earlier file's is said in a warning.
fn load_rules(args: &RulesArg) -> Result<Settings, u8> {
    let mut settings = load_rules_file(args.rules.as_deref())?;
    for path in &args.outlets {
        let shown = path.display().to_string();
        let text = read_config(path, "outlets file")?;
        let set_aside = settings
            .add_outlets(&text, &shown)
            .map_err(|errors| config_errors(&errors, &text, &shown))?;
        for conflict in set_aside {
            note!("prov: warning: {conflict}");
        }
    }
    Ok(settings)
}

fn read_config(path: &Path, what: &str) -> Result<String, u8> {
    std::fs::read_to_string(path).map_err(|e| {
        note!("prov: error: cannot read {what} {}: {e}", path.display());
        EXIT_ERROR
    })
}

fn config_errors(errors: &[prov::settings::RulesError], text: &str, shown: &str) -> u8 {
    eprint!(
        "{}",
        report::diagnostics::rules_errors(errors, text, colour_stderr())
    );
    let count = errors.len();
    note!(
        "prov: error: {shown}: {count} problem{}",
        if count == 1 { "" } else { "s" }
    );
    EXIT_ERROR
}

fn load_rules_file(path: Option<&Path>) -> Result<Settings, u8> {
    let Some(path) = path else {
        return Ok(Settings::builtin());
    };
    let shown = path.display().to_string();
    let text = read_config(path, "rules file")?;
    Settings::parse(&text, &shown).map_err(|errors| config_errors(&errors, &text, &shown))
}

fn with_rules(rules: &RulesArg, then: impl FnOnce(&Settings) -> io::Result<u8>) -> io::Result<u8> {
    match load_rules(rules) {
        Ok(settings) => then(&settings),
        Err(code) => Ok(code),
    }
}

fn score(args: ScoreArgs) -> io::Result<u8> {
    let settings = match load_rules(&args.rules) {
        Ok(settings) => settings,
        Err(code) => return Ok(code),
    };
    let config = args.rules.files();
    let bar = progress_bar(args.quiet);
    let inputs = Inputs {
        paths: &args.paths,
        config: &config,
    };
    let analysis = analysis::analyze_paths(inputs, &settings, &|stage, done, total| {
        show_progress(&bar, stage, done, total)
    });
    bar.finish_and_clear();
    let Some(analysis) = analysed(analysis) else {
        return Ok(EXIT_ERROR);
    };
    let renderer: &dyn Report = match args.format {
        ScoreFormat::Table => &report::Table {
            width: terminal_width(),
        },
        ScoreFormat::Json => &report::Json(json_layout()),
        ScoreFormat::Csv => &report::Csv,
        ScoreFormat::Markdown => &report::Markdown,
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    renderer.write(&analysis, &settings, &mut out)?;
    out.flush()?;
    drop(out);
    report_inputs(&analysis);
    Ok(exit_code(analysis, args.fail_under))
}

/// The width of the terminal that standard output is, or none for a file or a pipe,
/// where tables are not wrapped. comfy-table asks the terminal.
fn terminal_width() -> Option<u16> {
    comfy_table::Table::new().width()
}

/// JSON for the corpus-sized outputs (`score` and `graph`): indented for a person at a
/// terminal, on one line for a file or a pipe, where it is about half the size.
fn json_layout() -> JsonLayout {
    if io::stdout().is_terminal() {
        JsonLayout::Pretty
    } else {
        JsonLayout::Compact
    }
}

/// A progress bar on stderr, hidden when stderr is not a terminal or with `--quiet`.
/// It appears only after two seconds, so that a short run stays silent.
fn progress_bar(quiet: bool) -> indicatif::ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::hidden();
    bar.set_style(progress_style(analysis::Stage::Extract));
    bar.set_message(stage_name(analysis::Stage::Extract));
    let ticker = bar.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(2));
        if !ticker.is_finished() {
            ticker.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
            ticker.enable_steady_tick(std::time::Duration::from_millis(250));
        }
    });
    bar
}

/// How a stage shows: a count of articles while the inputs are read, a spinner while
/// copies are found across the corpus, then a bar of the articles scored.
fn progress_style(stage: analysis::Stage) -> indicatif::ProgressStyle {
    let template = match stage {
        analysis::Stage::Extract => "{msg:>8} [{elapsed_precise}] {spinner} {pos} articles",
        analysis::Stage::Reuse => "{msg:>8} [{elapsed_precise}] {spinner}",
        analysis::Stage::Score => "{msg:>8} [{elapsed_precise}] {wide_bar} {pos}/{len} articles",
    };
    indicatif::ProgressStyle::with_template(template).expect("a valid template")
}

/// The word the progress bar shows for a stage.
fn stage_name(stage: analysis::Stage) -> &'static str {
    match stage {
        analysis::Stage::Extract => "reading",
        analysis::Stage::Reuse => "reuse",
        analysis::Stage::Score => "score",
    }
}

fn show_progress(
    bar: &indicatif::ProgressBar,
    stage: analysis::Stage,
    done: usize,
    total: Option<usize>,
) {
    let name = stage_name(stage);
    let new_stage = bar.message() != name;
    if new_stage {
        bar.set_style(progress_style(stage));
    }
    if let Some(total) = total {
        bar.set_length(total as u64);
    }
    bar.set_position(done as u64);
    if new_stage {
        bar.set_message(name);
    }
}

/// The rules and the analysis of `paths` under them, with no progress bar; or the
/// exit code after saying on stderr what could not be read. A walk passes over the
/// rules and outlets files, and the `output` file when there is one.
fn analyse_quietly(
    rules: &RulesArg,
    paths: &[PathBuf],
    output: Option<&Path>,
) -> Result<(Settings, Analysis), u8> {
    let settings = load_rules(rules)?;
    let mut config = rules.files();
    config.extend(output.map(Path::to_path_buf));
    let inputs = Inputs {
        paths,
        config: &config,
    };
    let analysis =
        analysed(analysis::analyze_paths(inputs, &settings, &|_, _, _| {})).ok_or(EXIT_ERROR)?;
    Ok((settings, analysis))
}

fn graph(args: GraphArgs) -> io::Result<u8> {
    let (_, analysis) = match analyse_quietly(&args.rules, &args.paths, None) {
        Ok(analysed) => analysed,
        Err(code) => return Ok(code),
    };
    let graph = &analysis.graph;
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        GraphFormat::Dot => out.write_all(prov::graph::to_dot(graph).as_bytes())?,
        GraphFormat::Mermaid => out.write_all(prov::graph::to_mermaid(graph).as_bytes())?,
        GraphFormat::Json => {
            prov::graph::write_json(graph, &mut out, json_layout(), 0)?;
            out.write_all(b"\n")?;
        }
        GraphFormat::ProvJson => {
            json_layout().to_writer(&mut out, &prov::graph::to_prov_json(graph))?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    report_inputs(&analysis);
    Ok(exit_code(analysis, None))
}

fn html_report(args: ReportArgs) -> io::Result<u8> {
    // A report written into the folder it reads is not read back as an article.
    let (settings, analysis) = match analyse_quietly(&args.rules, &args.paths, Some(&args.out)) {
        Ok(analysed) => analysed,
        Err(code) => return Ok(code),
    };
    let html = report::Html.render(&analysis, &settings);
    let shown = args.out.display();
    if let Err(e) = std::fs::write(&args.out, html) {
        note!("prov: error: cannot write {shown}: {e}");
        return Ok(EXIT_ERROR);
    }
    report_inputs(&analysis);
    let count = analysis.documents.len();
    note!(
        "prov: wrote {shown} ({count} article{})",
        if count == 1 { "" } else { "s" }
    );
    Ok(exit_code(analysis, None))
}

/// The result of a stage that reads texts again, or none after saying on stderr
/// which text could not be read.
pub(crate) fn analysed<T>(result: Result<T, prov::corpus::LoadError>) -> Option<T> {
    result
        .inspect_err(|e| {
            note!(
                "prov: error: {}: {}",
                visible_line(&e.path),
                visible(&e.error)
            )
        })
        .ok()
}

/// Every input that did not become an article, then the totals, on stderr.
pub(crate) fn report_inputs(analysis: &Analysis) {
    for e in &analysis.errors {
        note!(
            "prov: skipped {}: {}",
            visible_line(&e.path),
            visible(&e.error)
        );
    }
    for path in &analysis.hidden {
        note!(
            "prov: skipped {}: hidden (name starts with a dot; give it by name to read it)",
            visible_line(path)
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
    note!(
        "prov: {}: {scored} scored, {} skipped{why}",
        report::plural(scored + errors + hidden, "input"),
        errors + hidden
    );
}

/// The exit code of a finished run. The analysis is not freed: the process ends
/// next, and freeing its millions of small allocations one at a time took
/// 0.36-0.42 s after the 1 GB benchmark corpus.
fn exit_code(analysis: Analysis, fail_under: Option<u32>) -> u8 {
    let failed = fail_under.is_some_and(|gate| report_gate(&analysis, gate));
    let code = if !analysis.errors.is_empty() {
        EXIT_ERROR
    } else if failed {
        EXIT_GATE
    } else {
        0
    };
    std::mem::forget(analysis);
    code
}

/// How many ids of the articles under a gate stderr names before "and N more".
const GATE_IDS_SHOWN: usize = 5;

/// Whether any article scored under `gate`; if so, say on stderr how many and
/// which, lowest first.
fn report_gate(analysis: &Analysis, gate: u32) -> bool {
    let mut under: Vec<usize> = analysis
        .ranking()
        .into_iter()
        .filter(|&i| analysis.verdicts[i].score.score < gate)
        .collect();
    if under.is_empty() {
        return false;
    }
    // Stable: ties keep the ranking's id order.
    under.sort_by_key(|&i| analysis.verdicts[i].score.score);
    let ids: Vec<String> = under
        .iter()
        .take(GATE_IDS_SHOWN)
        .map(|&i| {
            let id = visible_line(&analysis.documents[i].id);
            format!("{id} ({})", analysis.verdicts[i].score.score)
        })
        .collect();
    let more = match under.len().saturating_sub(GATE_IDS_SHOWN) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let count = under.len();
    note!(
        "prov: --fail-under {gate} failed: {count} article{} scored under {gate}: {}{more}",
        if count == 1 { "" } else { "s" },
        ids.join(", ")
    );
    true
}

fn list_rules(settings: &Settings) -> io::Result<u8> {
    let mut table = comfy_table::Table::new();
    table
        .load_style(comfy_table::presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_header(["id", "kind", "severity", "weight", "cap", "on", "message"]);
    for r in &settings.rules {
        let severity = format!("{:?}", r.severity).to_lowercase();
        let cap = r.cap.map(|c| c.to_string()).unwrap_or_default();
        let on = if r.enabled { "yes" } else { "no" };
        table.add_row([
            &*r.id,
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
    let settings = match load_rules_file(file.as_deref()) {
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

/// `prov rules explain ID`, from the rules of `rules_file` (or the built-in ones).
fn explain(settings: &Settings, rules_file: Option<&Path>, id: &str) -> io::Result<u8> {
    let rules_text = match rules_file {
        Some(path) => match read_config(path, "rules file") {
            Ok(text) => text,
            Err(code) => return Ok(code),
        },
        None => DEFAULT_RULES.to_string(),
    };
    let Some(text) = explanation(settings, &rules_text, id) else {
        note!(
            "prov: error: no rule, built-in finding or signal named `{id}` (see `prov rules list`)"
        );
        return Ok(EXIT_ERROR);
    };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(0)
}

/// A rule's kind, severity, weight and cap, whether it is off, what it tests (its
/// own keys, as `rules_text` writes them), its message and its explanation; or a
/// signal's explanation; none for an unknown id.
fn explanation(settings: &Settings, rules_text: &str, id: &str) -> Option<String> {
    if let Some(rule) = settings.rule(id) {
        let cap = rule
            .cap
            .map(|c| format!(", caps the score at {c}"))
            .unwrap_or_default();
        let off = if rule.enabled {
            ""
        } else {
            ", disabled (enabled = false)"
        };
        let severity = format!("{:?}", rule.severity).to_lowercase();
        let kind = kind_name(rule.kind);
        Some(format!(
            "{id}: {kind} rule, {severity}, weight {:+}{cap}{off}\n{}{}\n\n{}\n",
            rule.weight,
            rule_test(rules_text, id),
            rule.message,
            rule.explanation.trim()
        ))
    } else if let Some(finding) = prov::audit::builtin::find(id) {
        let severity = format!("{:?}", finding.severity).to_lowercase();
        Some(format!(
            "{id}: built-in finding of `prov audit`, {severity}, weight 0\n{}\n\n{}\n",
            finding.message, finding.explanation
        ))
    } else {
        let signal = prov::detect::signals().find(|s| s.name == id)?;
        Some(format!("{id}: signal\n\n{}\n", signal.explanation))
    }
}

/// The keys of a `[[rule]]` that say what it tests, in the order a reader wants
/// them (the others are shown in the first line or are its texts).
const RULE_TEST_KEYS: &[&str] = &[
    "phrases",
    "pattern",
    "max-hits",
    "min",
    "max",
    "field",
    "signal",
    "op",
    "value",
    "if",
    "then",
    "of",
    "kinds",
    "prior-below",
];

/// What the rule `id` of a valid rules file tests: a `key = value` line, indented,
/// for each of its [`RULE_TEST_KEYS`].
fn rule_test(rules_text: &str, id: &str) -> String {
    let table: toml::Table = rules_text.parse().expect("a rules file already validated");
    let rule = table["rule"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_table)
        .find(|rule| rule.get("id").and_then(toml::Value::as_str) == Some(id))
        .expect("a rule of the settings is in its file");
    RULE_TEST_KEYS
        .iter()
        .filter_map(|&key| rule.get(key).map(|value| format!("  {key} = {value}\n")))
        .collect()
}

fn init(force: bool) -> io::Result<u8> {
    let path = Path::new("rules.toml");
    if path.exists() && !force {
        note!("prov: error: rules.toml already exists here (use --force to overwrite it)");
        return Ok(EXIT_ERROR);
    }
    std::fs::write(path, DEFAULT_RULES)?;
    note!("prov: wrote rules.toml; edit it, then use it with `prov score --rules rules.toml`");
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: `prov rules explain` did not say what a rule tests, nor that it was off.
    #[test]
    fn explain_shows_what_a_rule_tests_and_that_it_is_off() {
        let rules = DEFAULT_RULES.replacen(
            "id = \"site-chrome\"\n",
            "id = \"site-chrome\"\nenabled = false\n",
            1,
        );
        let settings = Settings::parse(&rules, "rules.toml").unwrap();
        let text = explanation(&settings, &rules, "site-chrome").unwrap();
        assert!(
            text.starts_with(
                "site-chrome: metric rule, info, weight -5, disabled (enabled = false)\n  \
                 signal = \"chrome_lines\"\n  op = \">=\"\n  value = 1\nleftover site chrome"
            ),
            "{text}"
        );
    }

    /// Every key a default rule sets is in the first line, a text, or what it tests.
    #[test]
    fn explain_shows_every_key_of_the_default_rules() {
        const SHOWN: &[&str] = &[
            "id",
            "kind",
            "severity",
            "weight",
            "cap",
            "enabled",
            "message",
            "explanation",
        ];
        let table: toml::Table = DEFAULT_RULES.parse().unwrap();
        for rule in table["rule"].as_array().unwrap() {
            for key in rule.as_table().unwrap().keys() {
                assert!(
                    SHOWN.contains(&key.as_str()) || RULE_TEST_KEYS.contains(&key.as_str()),
                    "`prov rules explain` does not show `{key}`"
                );
            }
        }
    }
}

//! `prov audit FILE --against PATH…`: load the draft with its context, audit it,
//! render the audit, and turn gates into the exit code.

use super::{EXIT_ERROR, EXIT_GATE, RulesArg, analysed, colour_stdout, load_rules, report_inputs};
use clap::{Args, ValueEnum};
use prov::analysis;
use prov::audit::Audit;
use prov::audit::baseline::{self, Baseline};
use prov::config::Severity;
use prov::corpus;
use prov::report::{self, AuditReport};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub(crate) struct AuditArgs {
    /// The draft to audit (one article).
    #[arg(value_name = "DRAFT")]
    file: PathBuf,
    /// Articles to read the draft against, for reuse, quotes and origins; only DRAFT is reported.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    against: Vec<PathBuf>,
    #[command(flatten)]
    rules: RulesArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
    format: AuditFormat,
    /// Exit with 1 when the draft scores below N (0-100).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    fail_under: Option<u32>,
    /// Exit with 1 when a finding of this severity (or worse) stands.
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<DenyLevel>,
    /// Accepted findings: those in FILE are not reported and do not count.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write the draft's current findings to the --baseline FILE, and exit 0.
    #[arg(long, requires = "baseline")]
    write_baseline: bool,
}

impl AuditArgs {
    /// The draft, then the articles it is read against.
    pub(crate) fn inputs(&self) -> Vec<&Path> {
        let against = self.against.iter().map(PathBuf::as_path);
        std::iter::once(self.file.as_path())
            .chain(against)
            .collect()
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum AuditFormat {
    Text,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum DenyLevel {
    Errors,
    Warnings,
}

pub(crate) fn audit(args: AuditArgs) -> io::Result<u8> {
    let settings = match load_rules(&args.rules) {
        Ok(settings) => settings,
        Err(code) => return Ok(code),
    };
    let baseline = match args.baseline.as_deref().filter(|_| !args.write_baseline) {
        Some(path) => match read_baseline(path) {
            Ok(baseline) => Some(baseline),
            Err(code) => return Ok(code),
        },
        None => None,
    };
    // A walk of the corpus passes over the rules, outlets and baseline files in use.
    let config: Vec<PathBuf> = args
        .rules
        .files()
        .into_iter()
        .chain(args.baseline.clone())
        .collect();
    let context = corpus::Inputs {
        paths: &args.against,
        config: &config,
    };
    let corpus = match corpus::load_with_draft(&args.file, context) {
        Ok(corpus) => corpus,
        Err(e) => {
            note!("prov: error: cannot audit {}: {}", e.path, e.error);
            return Ok(EXIT_ERROR);
        }
    };
    // The loader puts the draft first; the analysis orders documents by id.
    let draft = (
        corpus.documents[0].id.clone(),
        corpus.documents[0].path.clone(),
    );
    let Some(analysis) = analysed(analysis::analyze(corpus, &settings)) else {
        return Ok(EXIT_ERROR);
    };
    let index = analysis
        .documents
        .iter()
        .position(|d| (&d.id, &d.path) == (&draft.0, &draft.1))
        .expect("the draft is among the analysed documents");
    let Some(audit) = analysed(prov::audit::audit(
        &analysis,
        index,
        &settings,
        baseline.as_ref(),
    )) else {
        return Ok(EXIT_ERROR);
    };
    if let Some(path) = args.baseline.as_deref().filter(|_| args.write_baseline) {
        return write_baseline(path, &audit);
    }
    let renderer: &dyn AuditReport = match args.format {
        AuditFormat::Text => &report::AuditText {
            colour: colour_stdout(),
        },
        AuditFormat::Json => &report::AuditJson,
        AuditFormat::Sarif => &report::Sarif,
    };
    io::stdout()
        .lock()
        .write_all(renderer.render(&audit, &settings).as_bytes())?;
    report_inputs(&analysis);
    Ok(audit_exit_code(&audit, &args))
}

fn read_baseline(path: &Path) -> Result<Baseline, u8> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read baseline {}: {e}", path.display()));
    text.and_then(|t| {
        Baseline::parse(&t).map_err(|e| format!("baseline {} is not valid: {e}", path.display()))
    })
    .map_err(|e| {
        note!("prov: error: {e}");
        EXIT_ERROR
    })
}

fn write_baseline(path: &Path, audit: &Audit) -> io::Result<u8> {
    let findings = &audit.verdict.findings;
    std::fs::write(path, baseline::render(findings))?;
    let accepted = findings.iter().filter(|f| baseline::is_problem(f)).count();
    note!(
        "prov: wrote {} with {accepted} accepted findings",
        path.display()
    );
    Ok(0)
}

fn audit_exit_code(audit: &Audit, args: &AuditArgs) -> u8 {
    let denied = args.deny.is_some_and(|level| {
        audit.has(match level {
            DenyLevel::Errors => Severity::Error,
            DenyLevel::Warnings => Severity::Warning,
        })
    });
    let score = audit.verdict.score.score;
    let below = args.fail_under.filter(|&n| score < n);
    // Say which gate failed, as `score --fail-under` does.
    if let Some(gate) = below {
        note!("prov: --fail-under {gate} failed: the draft scored {score}");
    }
    if let Some(level) = args
        .deny
        .filter(|_| denied)
        .and_then(|l| l.to_possible_value())
    {
        let level = level.get_name();
        note!("prov: --deny {level} failed: a finding of that severity stands");
    }
    if !audit.analysis.errors.is_empty() {
        EXIT_ERROR
    } else if denied || below.is_some() {
        EXIT_GATE
    } else {
        0
    }
}

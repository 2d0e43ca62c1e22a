//! A deterministic generator of news-like corpora for the benchmarks (issue 7).
//!
//! ```text
//! cargo run --release --example bench_corpus -- --out bench/data/100mb --megabytes 100 [--seed 7]
//! ```
//! Writes `corpus.jsonl` (one article a line: `id`, `url`, `title`, `published`,
//! `text`) and `pairs.tsv` (the true copy pairs: `original`, `copy`, `kind`,
//! `credited`) into `--out`. The same seed and size always give the same bytes.
//!
//! Articles are built from a small grammar of news sentences (titled people,
//! "according to" citations, quotes with speech verbs, numbers, datelines, places,
//! organisations) with site chrome around the body, so that extraction and the rules
//! do the work they do on real news. Of every 100 articles about 64 are originals,
//! 12 verbatim copies (new chrome, maybe a credit line), 12 light revisions (about one
//! word in 25 changed, a sentence dropped, one added) and 12 heavy revisions (a third
//! of the sentences kept, the rest new, paragraphs reordered); half of the copies
//! credit their source. A copy copies one of the last few thousand originals, as a
//! news day would.
//!
//! The random numbers come from SplitMix64 written out below rather than the `rand`
//! crate: the generator must give the same corpus on every machine and every version,
//! and twelve lines pin that down better than a dependency's stream guarantees.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast and fully determined by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    /// A word of a widened list, favouring its head: the index is log-uniform (a
    /// Zipf-like law, as word frequencies in real news follow), so the curated words
    /// first in the list are common and the synthetic tail is rare.
    fn word(&mut self, items: &[&'static str]) -> &'static str {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        let index = ((items.len() as f64 + 1.0).powf(u) - 1.0) as usize;
        items[index.min(items.len() - 1)]
    }
}

/// The long tail of real news vocabulary. Each curated list below is followed by
/// synthetic words built from syllables, so that most 3-word phrases of an article are
/// rare in the corpus, as they are in real news: with the curated lists alone, 84 % of
/// an original's distinct word 3-grams occurred in another original (real news pages of
/// `../shared/data`: 48 %), which made unrelated articles look like heavy revisions of
/// each other. bench/RESULTS.md ("Realism") has the measurement.
struct Lexicon {
    places: Vec<&'static str>,
    surnames: Vec<&'static str>,
    adjectives: Vec<&'static str>,
    nouns: Vec<&'static str>,
    plurals: Vec<&'static str>,
    verbs: Vec<&'static str>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEXICON.get_or_init(|| Lexicon {
        places: widened(PLACES, 3000, 1, "", true),
        surnames: widened(LAST, 3000, 2, "", true),
        adjectives: widened(ADJ, 2000, 3, "al", false),
        nouns: widened(NOUNS, 4000, 4, "ment", false),
        plurals: widened(PLURALS, 1000, 5, "ers", false),
        verbs: widened(VERBS, 1000, 6, "ed", false),
    })
}

/// `curated`, then `extra` distinct synthetic words of two or three syllables ending in
/// `suffix`, the same on every run (a fixed stream per `salt`, not the corpus seed).
fn widened(
    curated: &[&'static str],
    extra: usize,
    salt: u64,
    suffix: &str,
    capital: bool,
) -> Vec<&'static str> {
    const ONSETS: &[&str] = &[
        "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr",
        "st", "gr", "ch", "sh", "pl", "dr", "kr",
    ];
    const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou", "ia", "ea"];
    const CODAS: &[&str] = &["", "", "n", "r", "s", "l", "m", "nd", "st", "t"];
    let mut rng = Rng(salt);
    let mut words: Vec<&'static str> = curated.to_vec();
    let mut seen: std::collections::HashSet<String> =
        curated.iter().map(|w| w.to_string()).collect();
    while words.len() < curated.len() + extra {
        let mut w = String::new();
        for _ in 0..2 + rng.below(2) {
            w.push_str(rng.pick(ONSETS));
            w.push_str(rng.pick(VOWELS));
            w.push_str(rng.pick(CODAS));
        }
        w.push_str(suffix);
        if capital {
            capitalise(&mut w);
        }
        if seen.insert(w.clone()) {
            words.push(Box::leak(w.into_boxed_str()));
        }
    }
    words
}

/// Outlets with their domain: `(name, domain, is a wire)`.
const OUTLETS: &[(&str, &str, bool)] = &[
    ("Reuters", "reuters.com", true),
    ("Associated Press", "apnews.com", true),
    ("AFP", "afp.com", true),
    ("Kyodo News", "english.kyodonews.net", true),
    ("CNN", "cnn.com", false),
    ("BBC", "bbc.com", false),
    ("The New York Times", "nytimes.com", false),
    ("The Washington Post", "washingtonpost.com", false),
    ("Nikkei Asia", "asia.nikkei.com", false),
    ("The Daily Ledger", "dailyledger.example", false),
    ("Metro Courier", "metrocourier.example", false),
    ("Northern Herald", "northernherald.example", false),
    ("Valley Tribune", "valleytribune.example", false),
    ("Coastal Post", "coastalpost.example", false),
    ("Global Wire Digest", "globalwiredigest.example", false),
    ("Capital Observer", "capitalobserver.example", false),
];

const FIRST: &[&str] = &[
    "Anna",
    "Peter",
    "Maria",
    "James",
    "Yoshimasa",
    "Olena",
    "Ahmed",
    "Li",
    "Carlos",
    "Sofia",
    "Daniel",
    "Fatima",
    "Hiroshi",
    "Elena",
    "Samuel",
    "Grace",
    "Mateo",
    "Ingrid",
    "Tomasz",
    "Aisha",
    "Viktor",
    "Lucia",
    "Kwame",
    "Nadia",
    "Rafael",
    "Hannah",
    "Omar",
    "Mei",
    "Lars",
    "Priya",
    "Jonas",
    "Amara",
    "Felix",
    "Noor",
    "Pablo",
    "Keiko",
    "Dmitri",
    "Zara",
    "Ethan",
    "Leila",
    "Marco",
    "Chloe",
    "Tariq",
    "Ines",
    "Oscar",
    "Yara",
    "Hugo",
    "Mina",
];
const LAST: &[&str] = &[
    "Hayashi",
    "Kowalski",
    "Novak",
    "Fischer",
    "Okafor",
    "Tanaka",
    "Moreau",
    "Silva",
    "Petrenko",
    "Haddad",
    "Larsen",
    "Nguyen",
    "Schmidt",
    "Romano",
    "Costa",
    "Ivanova",
    "Mensah",
    "Yamamoto",
    "Dubois",
    "Jensen",
    "Alvarez",
    "Weber",
    "Khan",
    "Sato",
    "Lindqvist",
    "Rossi",
    "Baptiste",
    "Horvat",
    "Ortega",
    "Abara",
    "Kim",
    "Varga",
    "Wolff",
    "Marsh",
    "Delgado",
    "Quinn",
    "Brennan",
    "Szabo",
    "Adeyemi",
    "Castillo",
    "Berg",
    "Moretti",
    "Hallam",
    "Ferreira",
    "Osei",
    "Lindgren",
    "Toth",
    "Navarro",
    "Keller",
    "Aziz",
];
const TITLES: &[&str] = &[
    "Foreign Minister",
    "Prime Minister",
    "Defence Minister",
    "President",
    "spokesman",
    "spokeswoman",
    "Governor",
    "Mayor",
    "Senator",
    "Ambassador",
    "Professor",
    "Dr.",
    "Director",
    "Chancellor",
    "Secretary",
    "Premier",
];
const PLACES: &[&str] = &[
    "Tokyo",
    "Kyiv",
    "Berlin",
    "Washington",
    "Hanoi",
    "Nairobi",
    "Lima",
    "Warsaw",
    "Seoul",
    "Madrid",
    "Cairo",
    "Ottawa",
    "Jakarta",
    "Lagos",
    "Oslo",
    "Manila",
    "Santiago",
    "Vienna",
    "Brussels",
    "Canberra",
    "Ankara",
    "Bogota",
    "Dhaka",
    "Helsinki",
    "Accra",
    "Lisbon",
    "Taipei",
    "Riga",
    "Quito",
    "Dakar",
    "Zagreb",
    "Tbilisi",
    "Hobart",
    "Osaka",
    "Porto",
    "Gdansk",
    "Mombasa",
    "Cusco",
    "Busan",
    "Seville",
];
const ORGS: &[&str] = &[
    "the Ministry of Finance",
    "the World Health Organization",
    "the central bank",
    "the European Commission",
    "the United Nations",
    "the Interior Ministry",
    "the national weather service",
    "the election commission",
    "the port authority",
    "the International Monetary Fund",
    "the transport ministry",
    "the health department",
    "the statistics office",
    "the energy regulator",
    "the city council",
    "the coast guard",
    "the Red Cross",
    "the labour union",
    "the chamber of commerce",
    "the supreme court",
];
const ADJ: &[&str] = &[
    "new",
    "major",
    "sharp",
    "gradual",
    "unexpected",
    "long-awaited",
    "controversial",
    "temporary",
    "regional",
    "national",
    "cautious",
    "broad",
    "modest",
    "significant",
    "rare",
    "fresh",
    "joint",
    "formal",
    "emergency",
    "annual",
    "preliminary",
    "renewed",
    "widespread",
    "limited",
    "historic",
    "costly",
    "urgent",
    "quiet",
    "fragile",
    "steady",
];
const NOUNS: &[&str] = &[
    "agreement",
    "budget",
    "ceasefire",
    "investigation",
    "report",
    "plan",
    "proposal",
    "election",
    "policy",
    "reform",
    "strike",
    "outbreak",
    "storm",
    "shortage",
    "recovery",
    "deal",
    "protest",
    "inquiry",
    "sanction",
    "tariff",
    "pipeline",
    "vaccine",
    "bridge",
    "harbour",
    "railway",
    "contract",
    "summit",
    "treaty",
    "loan",
    "verdict",
    "audit",
    "census",
    "subsidy",
    "drought",
    "flood",
    "merger",
    "pension",
    "curfew",
    "referendum",
    "blackout",
    "evacuation",
    "bailout",
    "embargo",
    "settlement",
    "hearing",
    "campaign",
];
const PLURALS: &[&str] = &[
    "residents",
    "workers",
    "officials",
    "farmers",
    "students",
    "patients",
    "voters",
    "families",
    "soldiers",
    "passengers",
    "investors",
    "teachers",
    "doctors",
    "fishermen",
    "drivers",
    "refugees",
    "tourists",
    "companies",
    "households",
    "volunteers",
];
const VERBS: &[&str] = &[
    "approved",
    "rejected",
    "delayed",
    "announced",
    "suspended",
    "expanded",
    "reviewed",
    "criticised",
    "welcomed",
    "blocked",
    "signed",
    "extended",
    "cancelled",
    "postponed",
    "funded",
    "challenged",
    "endorsed",
    "questioned",
    "revised",
    "unveiled",
    "defended",
    "launched",
    "halted",
    "backed",
    "proposed",
    "completed",
    "abandoned",
    "restored",
];
const SPEECH: &[&str] = &[
    "said",
    "told reporters",
    "added",
    "noted",
    "warned",
    "stressed",
    "explained",
    "wrote",
    "announced",
    "confirmed",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const TIMES: &[&str] = &[
    "last week",
    "last month",
    "this year",
    "since March",
    "in recent days",
    "over the weekend",
    "on Friday",
    "earlier this month",
];
const CHROME_TOP: &[&str] = &[
    "Skip to main content",
    "Subscribe | Sign in",
    "Menu Search Home World Business Politics",
    "Advertisement",
    "Live updates",
    "Listen to this article",
];
const CHROME_BOTTOM: &[&str] = &[
    "Share this article: Facebook Twitter Email",
    "Sign up for our daily newsletter.",
    "Related stories",
    "Read more:",
    "Advertisement",
    "Most read",
    "Comments are closed.",
];

/// A person of one article: title, first and last name.
struct Person {
    title: &'static str,
    first: &'static str,
    last: &'static str,
}

impl Person {
    fn random(rng: &mut Rng) -> Person {
        Person {
            title: rng.pick(TITLES),
            first: rng.pick(FIRST),
            last: rng.word(&lexicon().surnames),
        }
    }
}

/// One article before it is written out: paragraphs of sentences.
struct Story {
    title: String,
    place: &'static str,
    paragraphs: Vec<Vec<String>>,
}

/// A clause of news prose: who did what to what, where and when.
fn clause(rng: &mut Rng, out: &mut String) {
    let subject = match rng.below(3) {
        0 => format!("{} in {}", rng.pick(ORGS), rng.word(&lexicon().places)),
        1 => format!(
            "the {} {}",
            rng.word(&lexicon().adjectives),
            rng.word(&lexicon().nouns)
        ),
        _ => format!("{} {}", 2 + rng.below(9_000), rng.word(&lexicon().plurals)),
    };
    let _ = write!(
        out,
        "{subject} {} the {} {} {} {}",
        rng.word(&lexicon().verbs),
        rng.word(&lexicon().adjectives),
        rng.word(&lexicon().nouns),
        rng.pick(&["in", "near", "across", "outside", "for"]),
        rng.word(&lexicon().places),
    );
    if rng.chance(0.5) {
        let _ = write!(out, " {}", rng.pick(TIMES));
    }
}

fn capitalise(s: &mut String) {
    if let Some(first) = s.get(0..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(0..1, &upper);
    }
}

/// Function words that glue the content words of [`prose`] together.
const GLUE: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "that", "for", "on", "with", "as", "by", "at", "from",
    "its", "their", "an", "this", "which", "after", "over", "but", "has", "have", "was", "were",
    "is", "are", "had", "not", "more", "than", "into", "about", "under", "since", "while",
    "before", "between", "against", "some", "most", "many", "other",
];

/// A sentence of free prose: content words of every class with function words
/// between them. Three sentences in five are prose, because a handful of sentence
/// shapes alone repeats the same word triples in every article: with the shapes only,
/// half of all pairs of unrelated articles shared a tenth of their word 3-grams (real
/// news pages: 0.3 %), which is what a heavy revision looks like.
fn prose(rng: &mut Rng) -> String {
    let lex = lexicon();
    let classes = [
        &lex.nouns,
        &lex.adjectives,
        &lex.verbs,
        &lex.plurals,
        &lex.places,
    ];
    let mut s = String::with_capacity(160);
    for i in 0..10 + rng.below(18) {
        if i > 0 {
            s.push(' ');
        }
        if rng.chance(0.4) {
            s.push_str(rng.pick(GLUE));
        } else {
            let class = classes[rng.below(classes.len())];
            s.push_str(rng.word(class));
        }
    }
    capitalise(&mut s);
    s.push('.');
    s
}

/// One sentence about `people`: free prose, or one of a dozen shapes.
fn sentence(rng: &mut Rng, people: &[Person], outlet: &str) -> String {
    if rng.chance(0.6) {
        return prose(rng);
    }
    let p = &people[rng.below(people.len())];
    let mut s = String::with_capacity(160);
    match rng.below(12) {
        0 | 1 => {
            let _ = write!(
                s,
                "{} {} {} {} on {} that ",
                p.title,
                p.first,
                p.last,
                rng.pick(SPEECH),
                rng.pick(DAYS)
            );
            clause(rng, &mut s);
            s.push('.');
        }
        2 => {
            let _ = write!(s, "According to {}, ", rng.pick(ORGS));
            clause(rng, &mut s);
            s.push('.');
        }
        3 => {
            s.push('“');
            let mut q = String::new();
            clause(rng, &mut q);
            capitalise(&mut q);
            let _ = write!(s, "{q},” {} {} {}.", p.first, p.last, rng.pick(SPEECH));
        }
        4 => {
            s.push('"');
            let mut q = String::new();
            clause(rng, &mut q);
            capitalise(&mut q);
            let _ = write!(
                s,
                "{q}, and we will not accept it,\" said {} {} {}.",
                p.title, p.first, p.last
            );
        }
        5 => {
            let _ = write!(
                s,
                "The {} rose {}.{} percent in {}, {} said in a statement.",
                rng.word(&lexicon().nouns),
                1 + rng.below(40),
                rng.below(10),
                rng.pick(MONTHS),
                rng.pick(ORGS)
            );
            capitalise(&mut s);
        }
        6 => {
            let _ = write!(s, "{} told {} that ", p.last, outlet);
            clause(rng, &mut s);
            s.push('.');
        }
        7 => {
            let _ = write!(
                s,
                "A source familiar with the matter, who spoke on condition of anonymity, said "
            );
            clause(rng, &mut s);
            s.push('.');
        }
        8 => {
            let _ = write!(s, "In {}, ", rng.word(&lexicon().places));
            clause(rng, &mut s);
            let _ = write!(s, ", while ");
            clause(rng, &mut s);
            s.push('.');
        }
        _ => {
            clause(rng, &mut s);
            capitalise(&mut s);
            let _ = write!(
                s,
                ", {} {} {} {}.",
                rng.pick(&["and", "after", "as", "while"]),
                rng.word(&lexicon().plurals),
                rng.word(&lexicon().verbs),
                rng.pick(&["the move", "the decision", "the plan", "it"])
            );
        }
    }
    s
}

fn new_story(rng: &mut Rng, outlet: &str) -> Story {
    let people: Vec<Person> = (0..1 + rng.below(3)).map(|_| Person::random(rng)).collect();
    let paragraphs = (0..6 + rng.below(14))
        .map(|_| {
            (0..1 + rng.below(3))
                .map(|_| sentence(rng, &people, outlet))
                .collect()
        })
        .collect();
    let title = format!(
        "{} {} {} {} in {}",
        capital(rng.pick(ORGS)),
        rng.word(&lexicon().verbs),
        rng.word(&lexicon().adjectives),
        rng.word(&lexicon().nouns),
        rng.word(&lexicon().places)
    );
    Story {
        title,
        place: rng.word(&lexicon().places),
        paragraphs,
    }
}

fn capital(s: &str) -> String {
    let mut s = s.to_string();
    capitalise(&mut s);
    s
}

/// A light revision: about one word in 25 swapped for another, one sentence dropped
/// and one added.
fn lightly_edited(rng: &mut Rng, story: &Story, outlet: &str) -> Story {
    let people = [Person::random(rng)];
    let mut paragraphs: Vec<Vec<String>> = story
        .paragraphs
        .iter()
        .map(|p| p.iter().map(|s| swap_words(rng, s, 0.04)).collect())
        .collect();
    let drop = rng.below(paragraphs.len());
    if paragraphs[drop].len() > 1 {
        paragraphs[drop].pop();
    }
    let at = rng.below(paragraphs.len());
    paragraphs[at].push(sentence(rng, &people, outlet));
    Story {
        title: story.title.clone(),
        place: story.place,
        paragraphs,
    }
}

/// A heavy revision: a third of the sentences kept (lightly edited), the rest new,
/// and the paragraphs in another order.
fn heavily_edited(rng: &mut Rng, story: &Story, outlet: &str) -> Story {
    let people = [Person::random(rng)];
    let mut paragraphs: Vec<Vec<String>> = story
        .paragraphs
        .iter()
        .map(|p| {
            p.iter()
                .map(|s| {
                    if rng.chance(0.35) {
                        swap_words(rng, s, 0.05)
                    } else {
                        sentence(rng, &people, outlet)
                    }
                })
                .collect()
        })
        .collect();
    for i in (1..paragraphs.len()).rev() {
        let j = rng.below(i + 1);
        paragraphs.swap(i, j);
    }
    Story {
        title: format!(
            "{} {}",
            rng.pick(&["Explainer:", "Analysis:", "Update:", "Report:"]),
            story.title
        ),
        place: story.place,
        paragraphs,
    }
}

fn swap_words(rng: &mut Rng, sentence: &str, share: f64) -> String {
    let mut out = String::with_capacity(sentence.len() + 16);
    for (i, word) in sentence.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let plain = word.bytes().all(|b| b.is_ascii_lowercase());
        if plain && rng.chance(share) {
            out.push_str(rng.word(&lexicon().adjectives));
        } else {
            out.push_str(word);
        }
    }
    out
}

/// The full text of an article as its site shows it.
fn render(rng: &mut Rng, story: &Story, outlet: usize, credit: Option<usize>) -> String {
    let (name, _, wire) = OUTLETS[outlet];
    let mut text = String::with_capacity(4096);
    for _ in 0..rng.below(3) {
        text.push_str(rng.pick(CHROME_TOP));
        text.push('\n');
    }
    text.push_str(&story.title);
    text.push('\n');
    let _ = writeln!(
        text,
        "By {} {} | {}",
        rng.pick(FIRST),
        rng.word(&lexicon().surnames),
        name
    );
    for (i, paragraph) in story.paragraphs.iter().enumerate() {
        if i == 0 {
            let upper = story.place.to_uppercase();
            match credit {
                Some(source) if OUTLETS[source].2 => {
                    let _ = write!(text, "{upper} ({}) — ", OUTLETS[source].0);
                }
                _ if wire => {
                    let _ = write!(text, "{upper} ({name}) — ");
                }
                _ => {}
            }
        }
        text.push_str(&paragraph.join(" "));
        text.push('\n');
    }
    if let Some(source) = credit.filter(|&s| !OUTLETS[s].2) {
        let _ = writeln!(
            text,
            "This story was first published by {}.",
            OUTLETS[source].0
        );
    }
    for _ in 0..1 + rng.below(3) {
        text.push_str(rng.pick(CHROME_BOTTOM));
        text.push('\n');
    }
    let _ = writeln!(text, "© 2024 {name}. All rights reserved.");
    text
}

#[derive(serde::Serialize)]
struct Record<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    published: String,
    text: &'a str,
}

struct Options {
    out: PathBuf,
    megabytes: u64,
    seed: u64,
}

fn options() -> Options {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let Some(out) = value("--out") else {
        eprintln!("usage: bench_corpus --out DIR --megabytes N [--seed S]");
        std::process::exit(2);
    };
    Options {
        out: PathBuf::from(out),
        megabytes: value("--megabytes").map_or(10, |v| v.parse().expect("--megabytes N")),
        seed: value("--seed").map_or(7, |v| v.parse().expect("--seed S")),
    }
}

fn main() -> std::io::Result<()> {
    let options = options();
    std::fs::create_dir_all(&options.out)?;
    let mut corpus = BufWriter::new(std::fs::File::create(options.out.join("corpus.jsonl"))?);
    let mut pairs = BufWriter::new(std::fs::File::create(options.out.join("pairs.tsv"))?);
    let (count, text_bytes, written) = generate(
        options.seed,
        options.megabytes * 1_000_000,
        &mut corpus,
        &mut pairs,
    )?;
    corpus.flush()?;
    pairs.flush()?;
    eprintln!(
        "bench_corpus: {count} articles, {:.1} MB of text, {:.1} MB of JSONL in {}",
        text_bytes as f64 / 1e6,
        written as f64 / 1e6,
        options.out.display()
    );
    Ok(())
}

/// Write articles to `corpus` until they hold `target` bytes of text, and the true
/// copy pairs to `pairs`; returns the articles, bytes of text and bytes of JSONL.
pub fn generate(
    seed: u64,
    target: u64,
    corpus: &mut impl Write,
    pairs: &mut impl Write,
) -> std::io::Result<(usize, u64, u64)> {
    writeln!(pairs, "original\tcopy\tkind\tcredited")?;
    let mut rng = Rng(seed);
    // Recent originals that a copy may copy: (id, outlet, day, story).
    let mut recent: VecDeque<(String, usize, u32, Story)> = VecDeque::new();
    let (mut written, mut text_bytes, mut count) = (0u64, 0u64, 0usize);
    let mut line = Vec::with_capacity(8192);
    while text_bytes < target {
        count += 1;
        let id = format!("a{count:07}");
        let outlet = rng.below(OUTLETS.len());
        let day = (count / 400) as u32;
        let roll = rng.below(100);
        let (text, title, day) = if roll < 64 || recent.len() < 50 {
            let story = new_story(&mut rng, OUTLETS[outlet].0);
            let text = render(&mut rng, &story, outlet, None);
            let title = story.title.clone();
            recent.push_back((id.clone(), outlet, day, story));
            if recent.len() > 4000 {
                recent.pop_front();
            }
            (text, title, day)
        } else {
            let (source_id, source_outlet, source_day, source) = &recent[rng.below(recent.len())];
            let credited = rng.chance(0.5);
            let (kind, story) = match roll {
                64..76 => ("verbatim", None),
                76..88 => (
                    "light",
                    Some(lightly_edited(&mut rng, source, OUTLETS[outlet].0)),
                ),
                _ => (
                    "heavy",
                    Some(heavily_edited(&mut rng, source, OUTLETS[outlet].0)),
                ),
            };
            let story = story.as_ref().unwrap_or(source);
            let credit = credited.then_some(*source_outlet);
            let text = render(&mut rng, story, outlet, credit);
            writeln!(
                pairs,
                "{source_id}\t{id}\t{kind}\t{}",
                if credited { "yes" } else { "no" }
            )?;
            (text, story.title.clone(), source_day + rng.below(2) as u32)
        };
        let date = chrono_like(day);
        let record = Record {
            id: &id,
            url: format!("https://{}/news/{id}", OUTLETS[outlet].1),
            title: &title,
            published: date,
            text: &text,
        };
        line.clear();
        serde_json::to_writer(&mut line, &record).expect("plain data");
        line.push(b'\n');
        corpus.write_all(&line)?;
        written += line.len() as u64;
        text_bytes += text.len() as u64;
    }
    Ok((count, text_bytes, written))
}

/// Day `n` after 2024-01-01 as `YYYY-MM-DD` (a calendar of 28-day months is plenty
/// for ordering copies after their originals, and every date it gives is real).
fn chrono_like(n: u32) -> String {
    let (year, rest) = (2024 + n / 336, n % 336);
    format!("{year}-{:02}-{:02}", rest / 28 + 1, rest % 28 + 1)
}

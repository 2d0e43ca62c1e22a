//! Reading a rules or outlets file on past the values serde cannot read. serde
//! stops at the first one; so that every one of them is reported at once, the
//! key that holds it is left out of its table (a `[[rule]]` entry, `[reuse]`)
//! and the file is read again, until it reads. The keys left out are kept, so
//! that the checks that depend on them can stand aside.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A key whose value could not be read.
#[derive(Debug)]
pub(super) struct Unread {
    /// The top-level key of its table: `scoring`, `reuse`, `rule`, `outlet`.
    pub(super) section: String,
    /// Where its table starts: the header of its `[[rule]]` or `[[outlet]]`
    /// entry, or of `[reuse]`.
    pub(super) table: usize,
    /// The key left out of the table; none when the whole section was.
    pub(super) key: Option<String>,
}

/// A parsed file, less what could not be read.
pub(super) struct Salvage<'i> {
    document: Spanned<DeTable<'i>>,
    /// The keys left out of their tables so far, in the order met.
    pub(super) unread: Vec<Unread>,
}

/// The table of a file that holds a place: a top-level key, and the index of
/// the entry when that key is a list of tables.
struct Holder {
    section: String,
    entry: Option<usize>,
    start: usize,
}

impl<'i> Salvage<'i> {
    pub(super) fn new(document: Spanned<DeTable<'i>>) -> Self {
        Salvage {
            document,
            unread: Vec::new(),
        }
    }

    /// Read the file as `T`, going on after `error`: each error goes to
    /// `misread` (but for one that only follows from a key left out) and what
    /// holds it is left out, until the rest reads. None when a section that
    /// `T` needs (`[scoring]`) had to be left out: it can be said missing only
    /// once the rest is read.
    pub(super) fn read_on<T: serde::de::DeserializeOwned>(
        &mut self,
        mut error: toml::de::Error,
        mut misread: impl FnMut(&toml::de::Error),
    ) -> Option<T> {
        loop {
            let at = error.span().map_or(0, |span| span.start);
            let message = error.message().trim_end();
            if self.misses_a_section_left_out(message) {
                return None;
            }
            let consequence = self.follows_from_unread(at, message);
            if !consequence {
                misread(&error);
            }
            if !self.leave_out(at, message, consequence) {
                return None;
            }
            let document = toml::de::Deserializer::from(self.document.clone());
            match T::deserialize(document) {
                Ok(raw) => return Some(raw),
                Err(e) => error = e,
            }
        }
    }

    /// Whether `message`, at byte `at`, only says that a key left out is missing
    /// ("missing field `kind`"): no problem of its own.
    fn follows_from_unread(&self, at: usize, message: &str) -> bool {
        let Some(holder) = self.holder(at) else {
            return false;
        };
        (self.unread.iter()).any(|u| {
            u.section == holder.section
                && u.table == holder.start
                && u.key.as_ref().is_some_and(|key| message == missing(key))
        })
    }

    /// Whether `message` says that a section left out whole is missing.
    fn misses_a_section_left_out(&self, message: &str) -> bool {
        (self.unread.iter()).any(|u| u.key.is_none() && message == missing(&u.section))
    }

    /// Leave out what holds the problem `message` at byte `at`: the key of its
    /// table (unless `whole_entry`), else its list entry, else its section;
    /// false when nothing holds it, which ends the reading.
    fn leave_out(&mut self, at: usize, message: &str, whole_entry: bool) -> bool {
        let Some(holder) = self.holder(at) else {
            return false;
        };
        (!whole_entry && self.leave_out_key(&holder, at, message))
            || self.leave_out_entry(&holder)
            || self.leave_out_section(holder)
    }

    /// Leave out the top-level item `holder` (`[scoring]`, `scoring = 5`).
    fn leave_out_section(&mut self, holder: Holder) -> bool {
        self.document.get_mut().remove(holder.section.as_str());
        self.unread.push(Unread {
            section: holder.section,
            table: holder.start,
            key: None,
        });
        true
    }

    /// Leave out the key of `holder` that holds byte `at`: the last to start
    /// before it. False when `holder` is no table or `at` is before its keys.
    fn leave_out_key(&mut self, holder: &Holder, at: usize, message: &str) -> bool {
        let Some(DeValue::Table(table)) = self.table_mut(holder).map(Spanned::get_mut) else {
            return false;
        };
        let key = (table.keys())
            .filter(|key| key.span().start <= at)
            .max_by_key(|key| key.span().start)
            .cloned();
        let Some(key) = key else {
            return false;
        };
        table.remove(&key);
        // An unknown key is a typo, not a value that a check could need.
        let typo = message.starts_with("unknown field ") && key.span().start == at;
        if !typo {
            self.unread.push(Unread {
                section: holder.section.clone(),
                table: holder.start,
                key: Some(key.get_ref().to_string()),
            });
        }
        true
    }

    /// Leave out the list entry `holder`; false when it is not one.
    fn leave_out_entry(&mut self, holder: &Holder) -> bool {
        let Some(bad) = holder.entry else {
            return false;
        };
        let list = (self.document.get_mut())
            .get_mut(holder.section.as_str())
            .map(Spanned::get_mut);
        let Some(DeValue::Array(entries)) = list else {
            return false;
        };
        let all = std::mem::replace(entries, toml::de::DeArray::new());
        *entries = (all.into_iter().enumerate())
            .filter_map(|(i, entry)| (i != bad).then_some(entry))
            .collect();
        true
    }

    /// The table that holds byte `at`: the section whose top-level key is at
    /// `at` (a misspelt `[[outlets]]`), else of the top-level items and list
    /// entries the last to start before it. The parser spans a list entry by
    /// its header only, and a table by its header, so the holder is found by
    /// its start.
    fn holder(&self, at: usize) -> Option<Holder> {
        let mut starts = Vec::new();
        for (key, value) in self.document.get_ref() {
            let section = key.get_ref().as_ref();
            if key.span().contains(&at) {
                starts = vec![(key.span().start, section, None)];
                break;
            }
            match value.get_ref() {
                DeValue::Array(entries) => starts.extend(
                    (entries.iter().enumerate()).map(|(i, e)| (e.span().start, section, Some(i))),
                ),
                _ => starts.push((key.span().start.min(value.span().start), section, None)),
            }
        }
        let (start, section, entry) = (starts.into_iter())
            .filter(|(start, ..)| *start <= at)
            .max_by_key(|(start, ..)| *start)?;
        Some(Holder {
            section: section.to_string(),
            entry,
            start,
        })
    }

    fn table_mut(&mut self, holder: &Holder) -> Option<&mut Spanned<DeValue<'i>>> {
        let item = self.document.get_mut().get_mut(holder.section.as_str())?;
        let Some(i) = holder.entry else {
            return Some(item);
        };
        match item.get_mut() {
            DeValue::Array(entries) => entries.get_mut(i),
            _ => None,
        }
    }
}

/// serde's words for a key that a table needs and does not have.
fn missing(key: &str) -> String {
    format!("missing field `{key}`")
}

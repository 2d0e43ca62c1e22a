//! Where the lines of a text start: enough to turn a byte offset into a file line
//! without the text, so a corpus entry can give the lines of a passage or a quote
//! after its text has been let go.

use std::ops::Range;

/// The line starts of one text, and the file line on which the text starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    /// Byte offset of each line start; a text is at most [`super::MAX_FILE_BYTES`].
    starts: Box<[u32]>,
    /// The file line of the text's first line (1 unless front matter precedes it).
    first: usize,
}

impl Lines {
    pub(super) fn new(text: &str, first: usize) -> Self {
        let offset = |i: usize| u32::try_from(i).expect("a text fits in 4 GiB");
        // The memchr crate's vectorised search: every text read again is indexed here.
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| offset(i + 1)))
            .collect();
        Lines { starts, first }
    }

    /// The 0-based index of the line holding a byte offset.
    pub(super) fn index(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start as usize <= offset)
            - 1
    }

    /// The 1-based file line holding a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.index(offset) + self.first
    }

    /// The first and last file lines of a byte range.
    pub fn lines_of(&self, span: &Range<usize>) -> [usize; 2] {
        let last = span.end.saturating_sub(1).max(span.start);
        [self.line(span.start), self.line(last)]
    }

    /// The file line on which the text starts.
    pub fn first(&self) -> usize {
        self.first
    }

    /// The byte range of line `index` (0-based) in a text of `len` bytes, with its end.
    pub(super) fn range(&self, index: usize, len: usize) -> Option<Range<usize>> {
        let start = *self.starts.get(index)? as usize;
        let end = self.starts.get(index + 1).map_or(len, |&s| s as usize);
        Some(start..end)
    }

    /// The number of lines.
    pub(super) fn count(&self) -> usize {
        self.starts.len()
    }
}

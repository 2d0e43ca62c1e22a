//! Pretty JSON written piece by piece, for the large outputs (`prov score --format
//! json` and `prov graph --format json`): an object one field at a time, and an array's
//! elements formatted on the thread pool a batch at a time while this thread writes
//! the batch before. Nothing is built as one tree first, and the formatting, which is
//! most of the cost of writing, is not left to one thread.
//!
//! The bytes are those of `serde_json::to_writer_pretty` on the same values: every
//! piece is written by serde_json's own [`PrettyFormatter`], set to the depth where
//! the piece goes.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// A pretty formatter in the state it is in at a value `depth` levels deep in a
/// document (0 for the document itself), so that what it writes can go there as it is.
fn pretty_at(depth: usize) -> PrettyFormatter<'static> {
    let mut formatter = PrettyFormatter::new();
    // Opening arrays into nowhere is what sets the formatter's indentation.
    for _ in 0..depth {
        formatter
            .begin_array(&mut io::sink())
            .expect("a sink takes anything");
    }
    formatter
}

/// An object at some depth, written one field at a time.
pub(crate) struct Object<'w> {
    out: &'w mut dyn Write,
    formatter: PrettyFormatter<'static>,
    depth: usize,
    first: bool,
}

impl<'w> Object<'w> {
    pub(crate) fn begin(out: &'w mut dyn Write, depth: usize) -> io::Result<Self> {
        let mut formatter = pretty_at(depth);
        formatter.begin_object(out)?;
        Ok(Object {
            out,
            formatter,
            depth,
            first: true,
        })
    }

    pub(crate) fn field(&mut self, name: &str, value: &impl Serialize) -> io::Result<()> {
        self.field_with(name, |out, depth| {
            let mut serializer = serde_json::Serializer::with_formatter(out, pretty_at(depth));
            Ok(value.serialize(&mut serializer)?)
        })
    }

    /// A field whose value `write` writes, as it appears at the depth it is given.
    pub(crate) fn field_with(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut dyn Write, usize) -> io::Result<()>,
    ) -> io::Result<()> {
        self.formatter.begin_object_key(self.out, self.first)?;
        self.first = false;
        serde_json::to_writer(&mut *self.out, name)?;
        self.formatter.begin_object_value(self.out)?;
        write(self.out, self.depth + 1)?;
        self.formatter.end_object_value(self.out)
    }

    pub(crate) fn end(mut self) -> io::Result<()> {
        self.formatter.end_object(self.out)
    }
}

/// An array at `depth` of `len` elements, each one that `write` writes as it appears
/// at the depth it is given, in order, on this thread.
pub(crate) fn array_with(
    out: &mut dyn Write,
    depth: usize,
    len: usize,
    mut write: impl FnMut(&mut dyn Write, usize, usize) -> io::Result<()>,
) -> io::Result<()> {
    let mut array = pretty_at(depth);
    array.begin_array(out)?;
    for position in 0..len {
        array.begin_array_value(out, position == 0)?;
        write(out, position, depth + 1)?;
        array.end_array_value(out)?;
    }
    array.end_array(out)
}

/// An array at `depth` of `len` elements, `element(i)` each. Each batch of `per_batch`
/// elements is formatted on the thread pool while this thread writes the one before,
/// so at most two batches are held at once.
pub(crate) fn array<V: Serialize>(
    out: &mut dyn Write,
    depth: usize,
    len: usize,
    per_batch: usize,
    element: impl Fn(usize) -> V + Sync,
) -> io::Result<()> {
    let render = |batch: usize| {
        let start = batch * per_batch;
        render_elements(start..len.min(start + per_batch), depth + 1, &element)
    };
    let mut array = pretty_at(depth);
    array.begin_array(out)?;
    let mut rendered = render(0);
    for next in 1..len.div_ceil(per_batch) {
        let mut rendered_next = Vec::new();
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| rendered_next = render(next));
            rendered.iter().try_for_each(|part| out.write_all(part))
        })?;
        rendered = rendered_next;
    }
    rendered.iter().try_for_each(|part| out.write_all(part))?;
    if len > 0 {
        array.end_array_value(out)?;
    }
    array.end_array(out)
}

/// The elements at `positions` of an array, each at `depth` with the comma and
/// indentation before it, formatted in parallel into a few buffers in order.
fn render_elements<V: Serialize>(
    positions: std::ops::Range<usize>,
    depth: usize,
    element: &(impl Fn(usize) -> V + Sync),
) -> Vec<Vec<u8>> {
    positions
        .into_par_iter()
        .fold(Vec::new, |mut buffer, position| {
            let mut formatter = pretty_at(depth);
            formatter
                .begin_array_value(&mut buffer, position == 0)
                .expect("writing to memory");
            element(position)
                .serialize(&mut serde_json::Serializer::with_formatter(
                    &mut buffer,
                    formatter,
                ))
                .expect("serialising plain data");
            buffer
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pieces_make_the_bytes_serde_json_makes_of_the_whole() {
        // Fields in alphabetical order, as `json!` keeps them.
        let rows: Vec<_> = (0..7).map(|i| json!({"n": i, "tags": ["a", i]})).collect();
        let whole = json!({"empty": [], "rows": rows, "nested": [{"rows": rows}, {"rows": []}]});
        let mut out = Vec::new();
        let mut object = Object::begin(&mut out, 0).unwrap();
        object
            .field_with("empty", |out, depth| array(out, depth, 0, 3, |i| &rows[i]))
            .unwrap();
        object
            .field_with("nested", |out, depth| {
                array_with(out, depth, 2, |out, position, depth| {
                    let len = if position == 0 { 7 } else { 0 };
                    let mut inner = Object::begin(out, depth)?;
                    inner
                        .field_with("rows", |out, depth| array(out, depth, len, 2, |i| &rows[i]))?;
                    inner.end()
                })
            })
            .unwrap();
        object
            .field_with("rows", |out, depth| array(out, depth, 7, 3, |i| &rows[i]))
            .unwrap();
        object.end().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&whole).unwrap()
        );
    }
}

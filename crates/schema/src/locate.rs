//! Where each node of a YAML document stands in its file.
//!
//! serde forgets positions once a value is deserialised, so a rule checked
//! after loading (a dangling corridor id, a duplicate id) cannot name its
//! line. This index walks the document's events once with saphyr-parser and
//! maps every path (`findings[3].corridors[1]`) to the span of its key and of
//! its value. It is only built for files that have a problem, so the happy
//! path parses each file once.

use saphyr_parser::{Event, Parser, Span};
use std::collections::HashMap;

/// A position: 1-based line and column, and the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// Byte offset into the file.
    pub byte: usize,
}

/// Key and value spans of one node.
#[derive(Debug, Clone, Copy, Default)]
pub struct Node {
    /// Where the mapping key naming this node starts, if it has one.
    pub key: Option<Pos>,
    /// Where the value starts.
    pub start: Pos,
    /// Where the value ends (exclusive).
    pub end: Pos,
}

/// Path → node spans for one document.
#[derive(Debug, Default)]
pub struct PosIndex {
    nodes: HashMap<String, Node>,
    /// Whether the whole document parsed without a syntax error.
    pub complete: bool,
    /// Keys that appear twice in one mapping: the path and where the
    /// repeat's key stands, in file order.
    pub duplicates: Vec<(String, Pos)>,
}

enum Frame {
    Map {
        path: String,
        key: Option<(String, Pos)>,
        start: Pos,
    },
    Seq {
        path: String,
        next: usize,
        start: Pos,
    },
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl PosIndex {
    /// Builds the index of the first document in `text`. A syntax error ends
    /// the walk; what was indexed before it is kept.
    pub fn build(text: &str) -> Self {
        // saphyr reports character indices; precompute byte offsets of
        // every character start so positions can slice the text.
        let char_bytes: Vec<usize> = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(text.len()))
                .collect()
        };
        let to_pos = |span_mark: saphyr_parser::Marker| Pos {
            line: span_mark.line(),
            column: span_mark.col() + 1,
            byte: if char_bytes.is_empty() {
                span_mark.index()
            } else {
                char_bytes
                    .get(span_mark.index())
                    .copied()
                    .unwrap_or(text.len())
            },
        };
        let mut nodes = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        // Returns the path of the node starting now, and its key position.
        fn slot(stack: &mut [Frame]) -> Option<(String, Option<Pos>)> {
            match stack.last_mut() {
                None => Some((String::new(), None)),
                Some(Frame::Seq { path, next, .. }) => {
                    let p = format!("{path}[{next}]");
                    *next += 1;
                    Some((p, None))
                }
                Some(Frame::Map { path, key, .. }) => {
                    key.take().map(|(k, kpos)| (join(path, &k), Some(kpos)))
                }
            }
        }
        let mut complete = false;
        let mut duplicates = Vec::new();
        // Records a node, noting a key seen before in the same mapping.
        let mut insert = |nodes: &mut HashMap<String, Node>, path: String, node: Node| {
            if let Some(k) = node.key
                && nodes.contains_key(&path)
            {
                duplicates.push((path.clone(), k));
            }
            nodes.insert(path, node);
        };
        while let Some(next) = parser.next_event() {
            let Ok((event, span)) = next else { break };
            let Span { start, end } = span;
            let (start, end) = (to_pos(start), to_pos(end));
            match event {
                Event::Scalar(value, ..) => {
                    // A scalar in key position of a mapping becomes the key.
                    if let Some(Frame::Map { key, .. }) = stack.last_mut()
                        && key.is_none()
                    {
                        *key = Some((value.into_owned(), start));
                        continue;
                    }
                    if let Some((path, key)) = slot(&mut stack) {
                        insert(&mut nodes, path, Node { key, start, end });
                    }
                }
                Event::Alias(_) => {
                    if let Some((path, key)) = slot(&mut stack) {
                        insert(&mut nodes, path, Node { key, start, end });
                    }
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let is_map = matches!(event, Event::MappingStart(..));
                    // A complex key (a mapping used as a key) gets a
                    // placeholder name; such files fail deserialisation anyway.
                    let (path, key) = match stack.last_mut() {
                        Some(Frame::Map {
                            path,
                            key: k @ None,
                            ..
                        }) => {
                            *k = Some(("?".into(), start));
                            (join(path, "?"), None)
                        }
                        _ => slot(&mut stack).unwrap_or_default(),
                    };
                    insert(
                        &mut nodes,
                        path.clone(),
                        Node {
                            key,
                            start,
                            end: start,
                        },
                    );
                    stack.push(if is_map {
                        Frame::Map {
                            path,
                            key: None,
                            start,
                        }
                    } else {
                        Frame::Seq {
                            path,
                            next: 0,
                            start,
                        }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    if let Some(Frame::Map { path, start, .. } | Frame::Seq { path, start, .. }) =
                        stack.pop()
                        && let Some(node) = nodes.get_mut(&path)
                    {
                        node.start = start;
                        node.end = end;
                    }
                }
                Event::DocumentEnd | Event::StreamEnd => {
                    complete = true;
                    break;
                }
                _ => {}
            }
        }
        PosIndex {
            nodes,
            complete,
            duplicates,
        }
    }

    /// The node at `path`, if present.
    pub fn get(&self, path: &str) -> Option<&Node> {
        self.nodes.get(path)
    }

    /// The best position for a problem at `path`: the value if present,
    /// else the nearest ancestor that is (a missing field points at the
    /// mapping that lacks it), else the top of the file.
    pub fn value_pos(&self, path: &str) -> Pos {
        self.nearest(path).map(|n| n.start).unwrap_or(Pos {
            line: 1,
            column: 1,
            byte: 0,
        })
    }

    /// Like [`Self::value_pos`] but prefers the key, for "this field is wrong".
    pub fn key_pos(&self, path: &str) -> Pos {
        self.nearest(path)
            .map(|n| n.key.unwrap_or(n.start))
            .unwrap_or(Pos {
                line: 1,
                column: 1,
                byte: 0,
            })
    }

    fn nearest(&self, path: &str) -> Option<&Node> {
        let mut p = path;
        loop {
            if let Some(n) = self.nodes.get(p) {
                return Some(n);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "id: x\nsource:\n  type: media\nfindings:\n  - corridors: [a, b]\n    text: \"é\"\n  - {corridors: [c], text: t}\n";

    #[test]
    fn finds_keys_values_and_items() {
        let ix = PosIndex::build(DOC);
        assert_eq!(ix.value_pos("id").line, 1);
        assert_eq!(
            ix.key_pos("source.type"),
            Pos {
                line: 3,
                column: 3,
                byte: 16
            }
        );
        assert_eq!(ix.value_pos("findings[0].corridors[1]").line, 5);
        assert_eq!(ix.value_pos("findings[0].corridors[1]").column, 20);
        assert_eq!(ix.value_pos("findings[1].corridors[0]").line, 7);
        // A missing field points at its mapping.
        assert_eq!(ix.value_pos("findings[1].strength").line, 7);
        let f0 = ix.get("findings[0]").unwrap();
        assert_eq!(f0.start.line, 5);
        assert_eq!(f0.end.line, 7);
    }

    #[test]
    fn duplicate_keys_are_found_at_the_repeat() {
        let ix = PosIndex::build("a: 1\nb: {x: 1, x: 2}\na: 3\n");
        let found: Vec<(&str, usize, usize)> = ix
            .duplicates
            .iter()
            .map(|(p, pos)| (p.as_str(), pos.line, pos.column))
            .collect();
        assert_eq!(found, [("b.x", 2, 11), ("a", 3, 1)]);
    }

    #[test]
    fn byte_offsets_survive_multibyte_text() {
        let ix = PosIndex::build(DOC);
        let f1 = ix.get("findings[1]").unwrap();
        assert!(DOC[f1.start.byte..].starts_with("{corridors"));
    }
}

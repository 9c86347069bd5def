//! Where the rules put their problems: a [`Sink`] collects every
//! diagnostic of a run with the YAML path it objects to, and looks the
//! positions up once at the end, in parallel and only in the files that
//! have a problem (building a `PosIndex` is the costly part).

use crate::diag::Diagnostic;
use crate::locate::PosIndex;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// A problem whose position is not known yet: its file and YAML path.
pub(super) struct Pending {
    file: usize,
    path: String,
    at_key: bool,
    diag: Diagnostic,
}

/// Collects problems for one run.
pub(super) struct Sink {
    pub(super) files: Vec<(String, String)>,
    pub(super) pending: Vec<Pending>,
    pub(super) done: Vec<Diagnostic>,
}

impl Sink {
    pub(super) fn add_file(&mut self, display: String, text: String) -> usize {
        self.files.push((display, text));
        self.files.len() - 1
    }
    pub(super) fn err(
        &mut self,
        file: usize,
        path: impl Into<String>,
        code: &'static str,
        msg: String,
    ) -> &mut Diagnostic {
        self.push(
            file,
            path.into(),
            false,
            Diagnostic::error(code, "", 0, 0).message(msg),
        )
    }
    pub(super) fn key_err(
        &mut self,
        file: usize,
        path: impl Into<String>,
        code: &'static str,
        msg: String,
    ) -> &mut Diagnostic {
        self.push(
            file,
            path.into(),
            true,
            Diagnostic::error(code, "", 0, 0).message(msg),
        )
    }
    pub(super) fn warn(
        &mut self,
        file: usize,
        path: impl Into<String>,
        code: &'static str,
        msg: String,
    ) -> &mut Diagnostic {
        self.push(
            file,
            path.into(),
            false,
            Diagnostic::error(code, "", 0, 0).message(msg).warning(),
        )
    }
    pub(super) fn push(
        &mut self,
        file: usize,
        path: String,
        at_key: bool,
        diag: Diagnostic,
    ) -> &mut Diagnostic {
        self.pending.push(Pending {
            file,
            path,
            at_key,
            diag,
        });
        &mut self.pending.last_mut().expect("just pushed").diag
    }

    /// Looks up every pending position, building one index per file that
    /// has problems, in parallel.
    pub(super) fn finish(self) -> Vec<Diagnostic> {
        let Sink {
            files,
            pending,
            mut done,
        } = self;
        let mut by_file: BTreeMap<usize, Vec<Pending>> = BTreeMap::new();
        for p in pending {
            by_file.entry(p.file).or_default().push(p);
        }
        let located: Vec<Vec<Diagnostic>> = by_file
            .into_par_iter()
            .map(|(file, ps)| {
                let (display, text) = &files[file];
                let index = PosIndex::build(text);
                ps.into_iter()
                    .map(|p| {
                        let pos = if p.at_key {
                            index.key_pos(&p.path)
                        } else {
                            index.value_pos(&p.path)
                        };
                        Diagnostic {
                            file: display.clone(),
                            line: pos.line,
                            column: pos.column,
                            ..p.diag
                        }
                    })
                    .collect()
            })
            .collect();
        done.extend(located.into_iter().flatten());
        // Each diagnostic shows the line it points at.
        let texts: HashMap<&str, &str> = files
            .iter()
            .map(|(d, t)| (d.as_str(), t.as_str()))
            .collect();
        let mut by_name: BTreeMap<String, Vec<&mut Diagnostic>> = BTreeMap::new();
        for d in &mut done {
            by_name.entry(d.file.clone()).or_default().push(d);
        }
        for (name, diags) in by_name {
            if let Some(text) = texts.get(name.as_str()) {
                crate::diag::attach_snippets(diags, text);
            }
        }
        done.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        done.dedup();
        done
    }
}

pub(super) fn help(d: &mut Diagnostic, h: impl Into<String>) {
    d.help = Some(h.into());
}

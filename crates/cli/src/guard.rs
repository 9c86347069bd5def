//! The last line of defence for confidentiality: before any byte of a
//! public run reaches standard output or a file, it is searched for every
//! confidential source's name, contact and identifying words (whole words,
//! after Unicode folding and confusable skeletons; HTML also with its tags
//! stripped and entities decoded). A hit fails the run and nothing is
//! written. `check` refuses such texts at the input, so the guard should
//! never fire; it exists so that a bug downstream cannot leak a name.
//!
//! The guard is installed once, when a command loads the model
//! ([`crate::out::load_model`]), and lifted by the commands' `--internal`
//! or `--audience internal` (whose outputs carry the identities by design).

use anyhow::bail;
use corridor_schema::text::{Needle, find, needles_of};
use std::sync::{Mutex, PoisonError};

static NEEDLES: Mutex<Vec<Needle>> = Mutex::new(Vec::new());

/// Installs the guard for the confidential sources of `model`.
pub(crate) fn install(model: &corridor_schema::Model) {
    let mut needles = Vec::new();
    for (i, s) in model
        .sources
        .iter()
        .enumerate()
        .filter(|(_, s)| s.confidential)
    {
        needles.extend(needles_of(i, &s.name, s.contact.as_deref(), &s.identifying));
    }
    *NEEDLES.lock().unwrap_or_else(PoisonError::into_inner) = needles;
}

/// Lifts the guard: the run is internal.
pub(crate) fn lift() {
    NEEDLES
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clear();
}

/// Fails when `text` (the output `what`) contains a confidential identity.
pub(crate) fn check(what: &str, text: &str) -> anyhow::Result<()> {
    let needles = NEEDLES.lock().unwrap_or_else(PoisonError::into_inner);
    if needles.is_empty() {
        return Ok(());
    }
    let hit = find(text, &needles).or_else(|| {
        let looks_html = text.contains("</") || text.contains("/>");
        looks_html
            .then(|| find(&visible_text(text), &needles))
            .flatten()
    });
    if let Some(n) = hit {
        // Name the source by its position among the confidential ones, never
        // by what was found.
        bail!(
            "refusing to write {what}: it contains the {} of a confidential source; nothing was written. This is a bug: please report it (the indicator files passed `corridor check`)",
            n.what
        );
    }
    Ok(())
}

/// Checks bytes that are text; binary outputs (a zipped workbook) are
/// checked through the tables they are made of.
pub(crate) fn check_bytes(what: &str, bytes: &[u8]) -> anyhow::Result<()> {
    match std::str::from_utf8(bytes) {
        Ok(text) => check(what, text),
        Err(_) => Ok(()),
    }
}

/// The text a browser shows: tags removed, the common entities decoded.
fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&nbsp;", " ")
}

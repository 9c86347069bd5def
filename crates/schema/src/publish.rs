//! One view of the checked model per audience, built once at the boundary
//! between scoring and output ("publish once", ARCHITECTURE.md).
//!
//! The public view is a copy of the model in which a confidential source
//! exists only as its public name, public alias and public citation: its
//! `name`, `contact`, `citation`, `identifying` words and file are not
//! redacted at each place they are printed but absent from the data every
//! output reads. So no template, table or command, embedded or overridden,
//! can print what it was not given. Other text cannot quote an identity
//! either: `check` refuses any text that mentions one
//! ([`crate::validate`]'s mention rule), and the CLI's guard fails a run
//! whose public bytes still contain one.
//!
//! Scoring reads the checked model, never a published one: a finding's id
//! takes part in the method (ties of repeat sets are broken in id order,
//! METHOD.md §3) and an alias must not change a number. Indices are the
//! same in every view, so a scored result computed on the checked model
//! indexes the published one.

use crate::model::Model;

/// Who an output is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// Confidential sources appear only by their public name, alias and
    /// citation; no contact, no file name.
    #[default]
    Public,
    /// Everything, with a banner on every page saying so.
    Internal,
}

impl Audience {
    /// `public` or `internal`.
    pub const fn key(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Internal => "internal",
        }
    }
}

/// The model as one audience may see it. It can only be built by
/// [`Published::new`], so an output that takes a `&Published` cannot be
/// handed the identities by mistake.
#[derive(Debug, Clone)]
pub struct Published {
    audience: Audience,
    model: Model,
}

/// What a confidential source's file is called in a public view: its file
/// name may be built from the person's name.
pub const WITHHELD_FILE: &str = "(withheld)";

impl Published {
    /// The view of `model` for `audience`: the model itself for internal
    /// readers; for the public, every confidential source replaced by its
    /// public identity.
    pub fn new(model: &Model, audience: Audience) -> Self {
        let mut model = model.clone();
        if audience == Audience::Public {
            publish(&mut model);
        }
        Published { audience, model }
    }

    /// The model as this audience may see it.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Who it is for.
    pub fn audience(&self) -> Audience {
        self.audience
    }
}

/// The public alias of source `index`: its analyst-chosen `public_id`
/// (required by `check`, and stable when sources are added); a positional
/// alias only for a model that was never checked.
fn alias(index: usize, public_id: Option<&str>) -> String {
    public_id.map_or_else(
        || format!("confidential-source-{}", index + 1),
        String::from,
    )
}

fn publish(model: &mut Model) {
    let mut aliases: Vec<Option<(String, Option<String>)>> = vec![None; model.sources.len()];
    for (i, s) in model.sources.iter_mut().enumerate() {
        if !s.confidential {
            continue;
        }
        let id = alias(i, s.public_id.as_deref());
        s.name = s.public_label().to_string();
        s.public_name = Some(s.name.clone());
        s.public_id = Some(id.clone());
        s.id = id.clone();
        s.file = WITHHELD_FILE.to_string();
        s.contact = None;
        s.identifying.clear();
        s.citation = s.public_citation.clone();
        aliases[i] = Some((id, s.public_citation.clone()));
    }
    for f in &mut model.findings {
        if let Some((id, citation)) = &aliases[f.source] {
            f.id = format!("{id}#{}", f.n);
            f.citation = citation.clone().unwrap_or_default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_the_public_id_or_positional() {
        assert_eq!(alias(4, Some("kgz-official-a")), "kgz-official-a");
        assert_eq!(alias(4, None), "confidential-source-5");
    }
}

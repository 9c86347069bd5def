//! JSON Schema of the input files, generated from the serde types with
//! schemars so that it can never drift from what the loader accepts.
//!
//! Editors that speak the YAML language server validate a file while the
//! analyst types when the file starts with
//! `# yaml-language-server: $schema=<path to indicator.schema.json>`.

use crate::files::{
    CorridorsFile, CountryFile, IndicatorFile, PlacesFile, RatesFile, TaxonomyFile,
};
use schemars::{JsonSchema, generate::SchemaSettings};

/// The file kinds a schema can be printed for.
pub const KINDS: &[&str] = &[
    "indicator",
    "corridors",
    "places",
    "taxonomy",
    "rates",
    "country",
    "region",
    "weighting",
];

fn generate<T: JsonSchema>() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    serde_json::to_value(generator.into_root_schema_for::<T>()).unwrap_or_default()
}

/// The JSON Schema for one file kind (see [`KINDS`]).
pub fn schema_for(kind: &str) -> Option<serde_json::Value> {
    Some(match kind {
        "indicator" => generate::<IndicatorFile>(),
        "corridors" => generate::<CorridorsFile>(),
        "places" => generate::<PlacesFile>(),
        "taxonomy" => generate::<TaxonomyFile>(),
        "rates" => generate::<RatesFile>(),
        "country" => generate::<CountryFile>(),
        "region" => generate::<crate::region::RegionFile>(),
        "weighting" => generate::<crate::weighting::WeightingFile>(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicator_schema_denies_unknown_fields_and_lists_types() {
        let s = schema_for("indicator").unwrap();
        let text = s.to_string();
        assert!(text.contains("\"additionalProperties\":false"));
        assert!(text.contains("intl_org_stats"));
        assert!(schema_for("nope").is_none());
    }
}

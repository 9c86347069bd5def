//! `datapackage.json`: a Frictionless Data Package (v1) describing every
//! CSV of the export — field names, types and descriptions, primary keys,
//! and the foreign keys between findings and sources and between the
//! audit and the corridors.

use super::{TABLES, Table};
use serde_json::{Value, json};

/// The descriptor of `tables`; `about` is the export's settings.
pub(super) fn descriptor(tables: &[Table], about: &[(String, String)]) -> Value {
    debug_assert!(tables.iter().map(|t| t.name).eq(TABLES));
    let settings: Vec<String> = about.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    let resources: Vec<Value> = tables
        .iter()
        .map(|t| {
            let fields: Vec<Value> = t
                .fields
                .iter()
                .map(|f| json!({"name": f.name, "type": f.kind.frictionless(), "description": f.description}))
                .collect();
            let fks: Vec<Value> = t
                .foreign_keys
                .iter()
                .map(|k| json!({"fields": k.fields, "reference": {"resource": k.resource, "fields": k.reference}}))
                .collect();
            let mut schema = json!({
                "fields": fields,
                "missingValues": [""],
                "primaryKey": t.primary_key,
            });
            if !fks.is_empty() {
                schema["foreignKeys"] = Value::Array(fks);
            }
            json!({
                "name": t.name,
                "path": format!("{}.csv", t.name),
                "profile": "tabular-data-resource",
                "title": t.title,
                "description": t.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": super::PACKAGE_NAME,
        "title": "Smuggling-corridor evidence and scores",
        "description": format!(
            "Exported by `corridor export`. The same tables are the sheets of corridor.xlsx; routes and places with coordinates are in routes.geojson. {}.",
            settings.join("; ")
        ),
        "resources": resources,
    })
}

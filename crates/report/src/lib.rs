//! corridor-report: country chapters, the regional overview and the audit
//! document, rendered through tera templates over view structs.

pub mod audit;

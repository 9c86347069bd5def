//! The furniture of the audit document when it is part of a report: the
//! same menu, title and footer as every other page. The audit is rendered
//! by its own template engine (`audit.rs`); this gives it the [`Page`]
//! the chapters get.

use crate::build::Ctx;
use crate::views::Page;
use crate::{Options, ReportError};
use corridor_schema::Model;

/// The page furniture of the audit document titled `title`, with the
/// report's menu (the audit marked current) and footer.
pub fn audit_page(model: &Model, opts: &Options, title: &str) -> Result<Page, ReportError> {
    Ok(Ctx::new(model, opts)?.page(title.to_string(), "audit"))
}

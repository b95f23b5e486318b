//! Slip → JSON data → typst document → PDF bytes.

use serde_json::{Value, json};
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::format::{date, date_line, time_and_date};
use crate::world::SlipWorld;
use crate::{Applicant, PdfError, Slip, SlipCommon, qr};

/// How many renders a memoised typst result may go unused before it is
/// dropped. The templates' own results are reused by every render and stay;
/// the per-slip layouts go, so a long-running server does not grow.
const CACHE_MAX_AGE: usize = 10;

/// A compiled slip and typst's warnings (redacted like errors).
pub(crate) struct Compiled {
    pub(crate) document: PagedDocument,
    #[cfg_attr(not(test), allow(dead_code))] // asserted empty by the tests
    pub(crate) warnings: Vec<String>,
}

pub(crate) fn render(slip: &Slip) -> Result<Vec<u8>, PdfError> {
    export(&compile(slip)?)
}

/// The PDF bytes of a compiled document.
pub(crate) fn export(compiled: &Compiled) -> Result<Vec<u8>, PdfError> {
    let options = PdfOptions { creator: Smart::Custom(Some("motcua".into())), ..PdfOptions::default() };
    typst_pdf::pdf(&compiled.document, &options)
        .map_err(|diags| PdfError::Export { errors: diags.iter().map(|d| redact(&d.message)).collect() })
}

pub(crate) fn compile(slip: &Slip) -> Result<Compiled, PdfError> {
    let (template, data, qr_svg) = match slip {
        Slip::Receipt(r) => {
            let qr = qr::code(&r.lookup_url)?;
            ("receipt.typ", receipt_data(slip, r), Some(qr::svg(&qr)))
        }
        Slip::SupplementRequest(s) => ("supplement.typ", supplement_data(slip, s), None),
        Slip::Refusal(r) => ("refusal.typ", with_common(slip, json!({ "reason": r.reason })), None),
        Slip::Apology(a) => ("apology.typ", apology_data(slip, a), None),
        Slip::Handover(h) => ("handover.typ", handover_data(slip, h), None),
        Slip::ControlSheet(c) => ("control.typ", control_data(slip, c), None),
    };
    compile_template(template, &data, qr_svg)
}

/// Compiles `template` over `data` (served as `data.json`) and an optional QR code.
pub(crate) fn compile_template(
    template: &'static str,
    data: &Value,
    qr_svg: Option<String>,
) -> Result<Compiled, PdfError> {
    let data = serde_json::to_vec(data).map_err(|err| PdfError::Data { reason: err.to_string() })?;
    let world = SlipWorld::new(template, data, qr_svg);
    let result = typst::compile::<PagedDocument>(&world);
    typst::comemo::evict(CACHE_MAX_AGE);
    let warnings = result.warnings.iter().map(|d| describe(&world, d)).collect();
    match result.output {
        Ok(document) => Ok(Compiled { document, warnings }),
        Err(errors) => {
            Err(PdfError::Compile { template, errors: errors.iter().map(|d| describe(&world, d)).collect() })
        }
    }
}

fn receipt_data(slip: &Slip, r: &crate::Receipt) -> Value {
    let components: Vec<Value> = r
        .components
        .iter()
        .map(|c| json!({ "name": c.name, "kind": c.kind, "count": format!("{:02}", c.count) }))
        .collect();
    with_common(
        slip,
        json!({
            "components": components,
            "received": time_and_date(r.received_at),
            "due": time_and_date(r.due_at),
            "channel": r.channel,
            "return_place": r.return_place,
            "lookup_url": r.lookup_url,
        }),
    )
}

fn supplement_data(slip: &Slip, s: &crate::SupplementRequest) -> Value {
    with_common(slip, json!({ "received": time_and_date(s.received_at), "items": s.items, "reason": s.reason }))
}

fn apology_data(slip: &Slip, a: &crate::Apology) -> Value {
    with_common(
        slip,
        json!({
            "received": date(a.received_at),
            "old_due": time_and_date(a.old_due),
            "new_due": time_and_date(a.new_due),
            "reason": a.reason,
            "unit_at_fault": a.unit_at_fault,
        }),
    )
}

fn handover_data(slip: &Slip, h: &crate::Handover) -> Value {
    with_common(
        slip,
        json!({
            "received": time_and_date(h.received_at),
            "due": time_and_date(h.due_at),
            "returned": time_and_date(h.returned_at),
            "result": h.result,
            "timeliness": h.timeliness,
        }),
    )
}

fn control_data(slip: &Slip, c: &crate::ControlSheet) -> Value {
    let lines: Vec<Value> = c
        .lines
        .iter()
        .map(|l| {
            json!({
                "from": l.from_unit, "to": l.to_unit, "at": time_and_date(l.at),
                "giver": l.giver, "receiver": l.receiver, "result": l.result, "note": l.note,
            })
        })
        .collect();
    with_common(
        slip,
        json!({
            "received": time_and_date(c.received_at),
            "due": c.due_at.map(time_and_date).unwrap_or_default(),
            "handling_unit": c.handling_unit,
            "lines": lines,
        }),
    )
}

/// The slip's own fields plus what every slip shows, under "slip" and the top level.
fn with_common(slip: &Slip, own: Value) -> Value {
    let c: &SlipCommon = slip.common();
    json!({
        "form": slip.form_number(),
        "title": slip.title_vi(),
        "agency": {
            "parent": c.agency.parent.trim().to_uppercase(),
            "name": c.agency.name.trim().to_uppercase(),
            "phone": c.agency.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()),
        },
        "date_line": date_line(c.agency.place.trim(), c.issued_at),
        "dossier_code": c.dossier_code,
        "procedure": c.procedure_name,
        "procedure_code": c.procedure_code,
        "applicant": applicant(&c.applicant),
        "officer": c.officer_name,
        "slip": own,
    })
}

fn applicant(a: &Applicant) -> Value {
    // Empty optional fields are left out rather than printed as a bare label.
    let opt = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    json!({
        "name": a.name,
        "id_number": opt(&a.id_number),
        "phone": opt(&a.phone),
        "email": opt(&a.email),
        "address": opt(&a.address),
    })
}

/// "receipt.typ:12:5: message", the message with every quoted value removed,
/// since typst quotes the values it complains about and those may be slip data.
fn describe(world: &SlipWorld, diag: &SourceDiagnostic) -> String {
    let place = diag.span.id().and_then(|id| {
        let source = typst::World::source(world, id).ok()?;
        let start = world.range(diag.span)?.start;
        let (line, column) = source.lines().byte_to_line_column(start)?;
        Some(format!("{}:{}:{}: ", id.vpath().get_without_slash(), line + 1, column + 1))
    });
    format!("{}{}", place.unwrap_or_default(), redact(&diag.message))
}

fn redact(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        match (c, quoted) {
            ('"', false) => {
                quoted = true;
                out.push_str("\"…\"");
            }
            ('"', true) => quoted = false,
            (c, false) => out.push(c),
            (_, true) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redact_drops_quoted_values() {
        assert_eq!(redact(r#"invalid integer: "0912345678""#), r#"invalid integer: "…""#);
        assert_eq!(redact("unknown variable: foo"), "unknown variable: foo");
    }
}

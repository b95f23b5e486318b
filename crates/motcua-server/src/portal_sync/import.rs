//! The national TTHC database's record of a procedure over motcua's own
//! (`motcua portal import-procedures`, docs/portal-sync.md, "Procedure
//! import"): what the national database decides (the name, the field, the
//! time limit, fees, components, legal basis, who may apply, the result)
//! replaces motcua's; what only the province decides (the implementing
//! level and agency, the workflow, the online level, the publication, the
//! extra receivers) is kept. A procedure motcua does not have is not
//! created: its agency and workflow are the province's to set first.

use motcua_portal::national::{LimitUnit, NationalProcedure};
use motcua_rules::{TimeLimit, TimeUnit};
use motcua_store::model::{Component, Fee, LegalDoc, ProcedureData};

fn unit(u: LimitUnit) -> TimeUnit {
    match u {
        LimitUnit::WorkingDays => TimeUnit::WorkingDays,
        LimitUnit::WorkingHours => TimeUnit::WorkingHours,
        LimitUnit::Days => TimeUnit::Days,
        LimitUnit::Months => TimeUnit::Months,
    }
}

/// `stored` with the national record's parts.
pub fn merge(stored: &ProcedureData, n: &NationalProcedure) -> ProcedureData {
    let mut p = stored.clone();
    p.name = n.name.clone();
    if let Some(code) = &n.field_code {
        p.field_code = code.clone();
        p.field_name = n.field_name.clone().or(p.field_name);
    }
    // The ways of applying (CACHTHUCTHUCHIEN) carry the limit and the fees:
    // when the record has them, its fee list is the list, none meaning free.
    if let Some((amount, u)) = n.time_limit {
        p.time_limit = TimeLimit::new(amount, unit(u));
    }
    if n.time_limit.is_some() || !n.fees.is_empty() {
        // The national record gives a name and an amount: a lệ phí collected
        // at reception, the catalogue's defaults (docs/payments.md).
        p.fees = n
            .fees
            .iter()
            .map(|(name, amount)| Fee {
                name: name.clone(),
                amount_vnd: *amount,
                note: None,
                kind: Default::default(),
                collected_at: Default::default(),
                exemptions: Vec::new(),
            })
            .collect();
    }
    if !n.components.is_empty() {
        p.components = n
            .components
            .iter()
            .map(|(name, form)| match stored.components.iter().find(|c| c.name == *name) {
                Some(c) => Component { form: form.clone().or(c.form.clone()), ..c.clone() },
                None => Component { name: name.clone(), form: form.clone(), originals: 1, copies: 0, required: true },
            })
            .collect();
    }
    if !n.legal_basis.is_empty() {
        p.legal_basis = n
            .legal_basis
            .iter()
            .map(|(number, title)| {
                let known = stored.legal_basis.iter().find(|l| l.number == *number);
                LegalDoc {
                    number: number.clone(),
                    title: title.clone(),
                    issued: known.and_then(|l| l.issued),
                    issuer: known.and_then(|l| l.issuer.clone()),
                }
            })
            .collect();
    }
    p.applicants = n.applicants.clone().or(p.applicants);
    p.result = n.result.clone().or(p.result);
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use motcua_store::model::{OnlineLevel, Publication, PublicationStatus};

    fn stored() -> ProcedureData {
        ProcedureData {
            code: "1.004194".into(),
            name: "Đăng ký tạm trú (cũ)".into(),
            field_code: "CUTRU".into(),
            field_name: Some("Cư trú".into()),
            level: "commune".into(),
            agency_unit_code: "H11.01".into(),
            time_limit: TimeLimit::working_days(7),
            fees: vec![Fee { name: "Lệ phí".into(), amount_vnd: 20_000, ..Fee::default() }],
            components: vec![Component {
                name: "Tờ khai".into(), form: None, originals: 1, copies: 2, required: true
            }],
            legal_basis: vec![],
            online_level: OnlineLevel::Full,
            publication: Publication {
                status: PublicationStatus::Published,
                decision: None,
                effective_from: None,
                effective_to: None,
                decision_date: None,
                basis_effective: None,
                public_date: None,
            },
            workflow: vec![],
            extra_receivers: vec![],
            applicants: None,
            result: Some("Xác nhận".into()),
            certified_copy: false,
        }
    }

    #[test]
    fn the_national_parts_replace_and_the_provinces_stay() {
        let n = NationalProcedure {
            code: "1.004194".into(),
            name: "Đăng ký tạm trú".into(),
            field_code: Some("G09".into()),
            field_name: None,
            time_limit: Some((3, LimitUnit::WorkingDays)),
            fees: vec![],
            components: vec![("Tờ khai".into(), Some("CT01".into())), ("Giấy tờ chỗ ở".into(), None)],
            legal_basis: vec![("68/2020/QH14".into(), "Luật Cư trú".into())],
            applicants: Some("Công dân".into()),
            result: None,
        };
        let p = merge(&stored(), &n);
        assert_eq!((p.name.as_str(), p.field_code.as_str()), ("Đăng ký tạm trú", "G09"));
        assert_eq!(p.field_name.as_deref(), Some("Cư trú"), "kept when the record has none");
        assert_eq!(p.time_limit, TimeLimit::working_days(3));
        assert!(p.fees.is_empty(), "the record's ways of applying list no fee: free");
        assert_eq!((p.components[0].copies, p.components[0].form.as_deref()), (2, Some("CT01")));
        assert_eq!((p.components[1].originals, p.components[1].required), (1, true));
        assert_eq!(p.legal_basis[0].number, "68/2020/QH14");
        assert_eq!(p.result.as_deref(), Some("Xác nhận"), "kept");
        assert_eq!((p.level.as_str(), p.agency_unit_code.as_str()), ("commune", "H11.01"));
    }
}

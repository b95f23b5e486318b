//! What changed after a signature: the revisions appended after the signed
//! one may only add signatures (a signature field, its widget on a page,
//! its appearance, the form's field list, validation data). Anything else
//! means the document a reader shows is not the one that was signed.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::extract::resolve_dict;

/// `Ok` when every object written after `end` only adds signatures; `Err`
/// says which object changed otherwise.
pub(crate) fn only_signatures_added(full: &Document, pdf: &[u8], end: usize) -> Result<(), String> {
    let signed = match std::panic::catch_unwind(|| Document::load_mem(&pdf[..end])) {
        Ok(Ok(doc)) => doc,
        _ => return Err("the signed revision cannot be read on its own".into()),
    };
    let root = full.trailer.get(b"Root").and_then(Object::as_reference).map_err(|_| "no /Root")?;
    if signed.trailer.get(b"Root").and_then(Object::as_reference).ok() != Some(root) {
        return Err("the catalog was replaced".into());
    }
    let old_acroform = acroform_id(&signed, root);
    // Every object is compared, not only those written after `end`: a
    // later cross-reference section can also point an old object number at
    // other bytes of the signed revision (a "shadow" attack).
    if let Some(gone) = signed.objects.keys().find(|id| !full.objects.contains_key(id)) {
        return Err(format!("object {} {} was removed", gone.0, gone.1));
    }
    for (&id, new) in &full.objects {
        let Some(old) = signed.objects.get(&id) else {
            // A new object matters only through what refers to it, and the
            // objects that may refer to new ones are checked below.
            continue;
        };
        if same(old, new) {
            continue;
        }
        let (Ok(old_d), Ok(new_d)) = (old.as_dict(), new.as_dict()) else {
            return Err(format!("object {} {} changed", id.0, id.1));
        };
        let changed = changed_keys(old_d, new_d);
        let allowed: &[&[u8]] = if id == root {
            &[b"AcroForm", b"DSS"]
        } else if Some(id) == old_acroform {
            &[b"Fields", b"SigFlags", b"DR", b"DA"]
        } else if is_type(old_d, b"Page") {
            &[b"Annots"]
        } else if is_sig_field(full, new_d) {
            // An empty signature field being signed.
            &[b"V", b"AP", b"F"]
        } else {
            &[]
        };
        if let Some(key) = changed.iter().find(|k| !allowed.contains(&k.as_slice())) {
            return Err(format!("object {} {} changed its /{}", id.0, id.1, String::from_utf8_lossy(key)));
        }
        for key in [b"Annots".as_slice(), b"Fields"] {
            if changed.iter().any(|k| k == key) {
                for added in added_refs(&signed, old_d, full, new_d, key) {
                    let is_sig = full.get_dictionary(added).is_ok_and(|d| is_sig_field(full, d));
                    if !is_sig {
                        return Err(format!(
                            "object {} {} is a new annotation or field that is not a signature",
                            added.0, added.1
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

fn changed_keys(old: &Dictionary, new: &Dictionary) -> Vec<Vec<u8>> {
    let keys: BTreeSet<&Vec<u8>> = old.iter().map(|(k, _)| k).chain(new.iter().map(|(k, _)| k)).collect();
    keys.into_iter()
        .filter(|k| match (old.get(k).ok(), new.get(k).ok()) {
            (Some(a), Some(b)) => !same(a, b),
            (a, b) => a.is_some() != b.is_some(),
        })
        .cloned()
        .collect()
}

/// Equal as a reader sees them: a string written literal or hexadecimal
/// is the same string (writers re-encode strings when they copy objects).
fn same(a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::String(x, _), Object::String(y, _)) => x == y,
        (Object::Array(x), Object::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
        (Object::Dictionary(x), Object::Dictionary(y)) => same_dict(x, y),
        (Object::Stream(x), Object::Stream(y)) => x.content == y.content && same_dict(&x.dict, &y.dict),
        _ => a == b,
    }
}

fn same_dict(x: &Dictionary, y: &Dictionary) -> bool {
    x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_ok_and(|w| same(v, w)))
}

/// References in `new[key]` that were not in `old[key]` (arrays inline or
/// indirect).
fn added_refs(old_doc: &Document, old: &Dictionary, new_doc: &Document, new: &Dictionary, key: &[u8]) -> Vec<ObjectId> {
    let refs = |doc: &Document, d: &Dictionary| -> Vec<ObjectId> {
        let Ok(obj) = d.get(key) else { return Vec::new() };
        let arr = match obj {
            Object::Reference(r) => doc.get_object(*r).ok().and_then(|o| o.as_array().ok()),
            other => other.as_array().ok(),
        };
        arr.map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect()).unwrap_or_default()
    };
    let before = refs(old_doc, old);
    refs(new_doc, new).into_iter().filter(|r| !before.contains(r)).collect()
}

fn acroform_id(doc: &Document, root: ObjectId) -> Option<ObjectId> {
    doc.get_dictionary(root).ok()?.get(b"AcroForm").ok()?.as_reference().ok()
}

fn is_type(d: &Dictionary, t: &[u8]) -> bool {
    d.get(b"Type").and_then(Object::as_name).is_ok_and(|n| n == t)
}

/// A signature field or its widget (whose parent is one).
fn is_sig_field(doc: &Document, d: &Dictionary) -> bool {
    let ft_sig = |d: &Dictionary| d.get(b"FT").and_then(Object::as_name).is_ok_and(|n| n == b"Sig");
    ft_sig(d) || d.get(b"Parent").ok().and_then(|p| resolve_dict(doc, p)).is_some_and(ft_sig)
}

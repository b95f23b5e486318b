//! Reading edXML: received bytes to a small element tree (quick-xml's
//! namespace-aware reader), and lookups on it that turn a missing or
//! malformed value into a refusal naming the element path.

use base64::Engine;
use chrono::{NaiveDate, NaiveDateTime};
use motcua_rules::RuleError;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::write::{DATE_FORMAT, TIME_FORMAT};
use crate::{NAMESPACE, OrganId};

/// Deeper nesting than any edXML message has is refused.
const MAX_DEPTH: usize = 32;

/// An element: its local name, whether it is in the edXML namespace, its
/// attributes (local name, value), children and text.
#[derive(Debug, Default)]
pub(crate) struct Node {
    pub name: String,
    pub in_ns: bool,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub text: String,
}

fn malformed() -> RuleError {
    RuleError::invalid("edxml_malformed", "edXML")
}

/// The root element of `bytes`, or `edxml_malformed`.
pub(crate) fn read(bytes: &[u8]) -> Result<Node, RuleError> {
    let text = std::str::from_utf8(bytes).map_err(|_| malformed())?;
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Node> = Vec::new();
    let mut root = None;
    loop {
        let (ns, event) = reader.read_resolved_event().map_err(|_| malformed())?;
        let in_ns = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == NAMESPACE);
        match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() => return Err(malformed()),
            Event::Start(ref e) | Event::Empty(ref e) => {
                let mut node = Node { name: e.local_name().as_ref().to_owned(), in_ns, ..Node::default() };
                for a in e.attributes() {
                    let a = a.map_err(|_| malformed())?;
                    let value = a.normalized_value(quick_xml::XmlVersion::Explicit1_0).map_err(|_| malformed())?;
                    node.attrs.push((a.key.local_name().as_ref().to_owned(), value.into_owned()));
                }
                if matches!(event, Event::Empty(_)) {
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(node),
                        None => root = Some(node),
                    }
                } else {
                    if stack.len() >= MAX_DEPTH {
                        return Err(malformed());
                    }
                    stack.push(node);
                }
            }
            Event::End(_) => {
                let node = stack.pop().ok_or_else(malformed)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Event::Text(t) => {
                if let Some(n) = stack.last_mut() {
                    n.text.push_str(&t.xml10_content());
                } else if !t.trim().is_empty() {
                    return Err(malformed());
                }
            }
            Event::CData(t) => stack.last_mut().ok_or_else(malformed)?.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let n = stack.last_mut().ok_or_else(malformed)?;
                match r.resolve_char_ref().map_err(|_| malformed())? {
                    Some(c) => n.text.push(c),
                    None => n.text.push_str(resolve_predefined_entity(&r).ok_or_else(malformed)?),
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(malformed());
    }
    root.ok_or_else(malformed)
}

/// Lookups with the path of the element looked at, for the refusals.
pub(crate) struct At<'a> {
    pub node: &'a Node,
    pub path: String,
}

impl<'a> At<'a> {
    pub fn new(node: &'a Node, path: &str) -> At<'a> {
        At { node, path: path.to_owned() }
    }

    fn field(&self, name: &str) -> String {
        if self.path.is_empty() { name.to_owned() } else { format!("{}/{name}", self.path) }
    }

    /// The edXML children called `name`, each with its numbered path
    /// (`To[1]`, `To[2]`).
    pub fn all(&self, name: &str) -> Vec<At<'a>> {
        self.node
            .children
            .iter()
            .filter(|c| c.in_ns && c.name == name)
            .enumerate()
            .map(|(i, node)| At { node, path: self.field(&format!("{name}[{}]", i + 1)) })
            .collect()
    }

    pub fn child(&self, name: &str) -> Option<At<'a>> {
        let node = self.node.children.iter().find(|c| c.in_ns && c.name == name)?;
        Some(At { node, path: self.field(name) })
    }

    pub fn need(&self, name: &str) -> Result<At<'a>, RuleError> {
        self.child(name).ok_or_else(|| RuleError::invalid("edxml_required", &self.field(name)))
    }

    /// The trimmed text of a child, `None` when absent or blank.
    pub fn opt_text(&self, name: &str) -> Option<String> {
        self.child(name).map(|c| c.node.text.trim().to_owned()).filter(|t| !t.is_empty())
    }

    pub fn text(&self, name: &str) -> Result<String, RuleError> {
        self.opt_text(name).ok_or_else(|| RuleError::invalid("edxml_required", &self.field(name)))
    }

    /// A child's text as it is (a subject may not be trimmed to fit).
    pub fn raw_text(&self, name: &str) -> Result<String, RuleError> {
        Ok(self.need(name)?.node.text.clone())
    }

    pub fn organ_id(&self, name: &str) -> Result<OrganId, RuleError> {
        OrganId::parse(&self.text(name)?).map_err(|e| e.at(&self.field(name)))
    }

    pub fn opt_date(&self, name: &str) -> Result<Option<NaiveDate>, RuleError> {
        self.opt_text(name)
            .map(|t| {
                NaiveDate::parse_from_str(&t, DATE_FORMAT)
                    .map_err(|_| RuleError::invalid("edxml_bad_date", &self.field(name)).arg("format", "yyyy/MM/dd"))
            })
            .transpose()
    }

    pub fn date(&self, name: &str) -> Result<NaiveDate, RuleError> {
        self.opt_date(name)?.ok_or_else(|| RuleError::invalid("edxml_required", &self.field(name)))
    }

    pub fn time(&self, name: &str) -> Result<NaiveDateTime, RuleError> {
        let t = self.text(name)?;
        NaiveDateTime::parse_from_str(&t, TIME_FORMAT)
            .map_err(|_| RuleError::invalid("edxml_bad_date", &self.field(name)).arg("format", "yyyy/MM/dd HH:mm:ss"))
    }

    /// A small number from a code list, checked by `known`.
    pub fn code<T>(&self, name: &str, known: impl Fn(u8) -> Option<T>) -> Result<Option<T>, RuleError> {
        let Some(t) = self.opt_text(name) else { return Ok(None) };
        t.parse::<u8>()
            .ok()
            .and_then(known)
            .map(Some)
            .ok_or_else(|| RuleError::invalid("edxml_bad_value", &self.field(name)))
    }

    pub fn base64(&self, name: &str) -> Result<Vec<u8>, RuleError> {
        let text: String = self.raw_text(name)?.split_ascii_whitespace().collect();
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|_| RuleError::invalid("edxml_bad_base64", &self.field(name)))
    }
}

//! The capture: every input file parsed and recognised by its top-level keys, each
//! list entry kept with the file and JSON path it came from, and the readers of AWS
//! fields that the resource families share (names, tags, required fields).

use std::collections::{BTreeMap, HashSet};

use super::json::Json;

use crate::import::{ImportError, Note, Source};
use crate::model::Tags;

/// The top-level keys the importer reads, one per describe output.
pub(crate) const KEYS: &[&str] = &[
    "Vpcs",
    "Subnets",
    "InternetGateways",
    "NatGateways",
    "Addresses",
    "RouteTables",
    "SecurityGroups",
    "SecurityGroupRules",
    "NetworkAcls",
    "RoleDetailList",
    "Roles",
    "AttachedPolicies",
    "DhcpOptions",
    // Read by others.rs: each entry of a chosen VPC becomes a note.
    "VpcEndpoints",
    "FlowLogs",
    "VpcPeeringConnections",
    "EgressOnlyInternetGateways",
    "VpnGateways",
    "TransitGatewayVpcAttachments",
];

/// Tags the AWS CLI exporter writes for its own bookkeeping; the exporter writes them
/// again from the design, so they are not kept as the resource's own tags.
const OWN_TAGS: [&str; 2] = ["netwright:design", "netwright:id"];

/// One JSON value of the capture, with where it came from. The JSON path is kept as
/// its parts and written out only for an error, so reading a capture allocates no
/// path strings.
#[derive(Clone, Copy)]
pub(crate) struct Node<'a> {
    /// The file's name.
    pub file: &'a str,
    /// The value.
    pub v: &'a Json<'a>,
    /// The top-level key and the entry's index in its list: `Subnets[2]`.
    key: &'static str,
    index: usize,
    /// Fields below the entry (with an index when in a list), outermost first.
    trail: [(&'static str, Option<usize>); MAX_DEPTH],
    depth: usize,
}

/// How deep below an entry the importer reads (`IpPermissions[0].IpRanges[1]`).
const MAX_DEPTH: usize = 3;

impl<'a> Node<'a> {
    /// An entry of a top-level list.
    fn entry(file: &'a str, key: &'static str, index: usize, v: &'a Json<'a>) -> Self {
        Node {
            file,
            v,
            key,
            index,
            trail: [("", None); MAX_DEPTH],
            depth: 0,
        }
    }

    /// The value's JSON path, e.g. `SecurityGroups[3].IpPermissions[0].IpRanges[1]`.
    pub fn path(&self) -> String {
        let mut s = format!("{}[{}]", self.key, self.index);
        for (field, index) in &self.trail[..self.depth] {
            s.push('.');
            s.push_str(field);
            if let Some(i) = index {
                s.push_str(&format!("[{i}]"));
            }
        }
        s
    }

    fn below(&self, field: &'static str, index: Option<usize>, v: &'a Json<'a>) -> Node<'a> {
        let mut n = *self;
        n.v = v;
        // Deeper than the importer reads, the path stops at MAX_DEPTH.
        if n.depth < MAX_DEPTH {
            n.trail[n.depth] = (field, index);
            n.depth += 1;
        }
        n
    }

    /// The error for a bad `field` of this value.
    pub fn error(&self, field: &str, message: &str) -> ImportError {
        let path = self.path();
        ImportError::Shape {
            file: self.file.to_string(),
            path: if field.is_empty() {
                path
            } else {
                format!("{path}.{field}")
            },
            message: message.to_string(),
        }
    }

    /// An object field, if there.
    pub fn child(&self, field: &'static str) -> Option<Node<'a>> {
        let v = self.v.get(field).filter(|v| v.is_object())?;
        Some(self.below(field, None, v))
    }

    /// The entries of a list field (none when it is missing or not a list).
    pub fn nodes(&self, field: &'static str) -> impl Iterator<Item = Node<'a>> + '_ {
        self.v
            .get(field)
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .map(move |(i, v)| self.below(field, Some(i), v))
    }

    /// The entries of a list field, collected.
    pub fn list(&self, field: &'static str) -> Vec<Node<'a>> {
        self.nodes(field).collect()
    }

    /// A string field that must be there.
    pub fn str(&self, field: &str) -> Result<&'a str, ImportError> {
        self.v
            .get(field)
            .and_then(Json::as_str)
            .ok_or_else(|| self.error(field, "expected a string"))
    }

    /// A string field that may be missing (or not a string).
    pub fn opt_str(&self, field: &str) -> Option<&'a str> {
        self.v.get(field).and_then(Json::as_str)
    }

    /// A boolean field; missing means false.
    pub fn flag(&self, field: &str) -> bool {
        self.v.get(field).and_then(Json::as_bool).unwrap_or(false)
    }

    /// An integer field, if there and whole.
    pub fn int(&self, field: &str) -> Option<i64> {
        self.v.get(field).and_then(Json::as_i64)
    }

    /// The value of tag `key`.
    pub fn tag(&self, key: &str) -> Option<&'a str> {
        self.v
            .get("Tags")?
            .as_array()?
            .iter()
            .find(|t| t.get("Key").and_then(Json::as_str) == Some(key))
            .and_then(|t| t.get("Value").and_then(Json::as_str))
    }

    /// The resource's name: its non-empty Name tag, else its id.
    pub fn name_or(&self, id: &str) -> String {
        match self.tag("Name") {
            Some(n) if !n.trim().is_empty() => n.to_string(),
            _ => id.to_string(),
        }
    }

    /// The resource's own tags: all but `Name` (the name field) and the exporter's
    /// bookkeeping tags. Keys starting with `aws:` are AWS's and cannot be set by
    /// anyone: each becomes a note on `id`.
    pub fn tags(&self, id: &str, notes: &mut Vec<Note>) -> Tags {
        let mut out = Tags::new();
        let Some(list) = self.v.get("Tags").and_then(Json::as_array) else {
            return out;
        };
        for t in list {
            let (Some(k), Some(v)) = (
                t.get("Key").and_then(Json::as_str),
                t.get("Value").and_then(Json::as_str),
            ) else {
                continue;
            };
            if k == "Name" || OWN_TAGS.contains(&k) {
                continue;
            }
            if k.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:")) {
                notes.push(Note::new(
                    id,
                    format!("tag {k}"),
                    "tags starting with aws: are AWS's own and cannot be set",
                ));
                continue;
            }
            out.insert(k.to_string(), v.to_string());
        }
        out
    }
}

/// Outputs of `describe-vpc-attribute` (`{VpcId, EnableDnsSupport: {Value}}`).
pub(crate) struct VpcAttribute<'a> {
    /// The VPC.
    pub vpc: &'a str,
    /// `enableDnsSupport`, if this output reports it.
    pub dns_support: Option<bool>,
    /// `enableDnsHostnames`, if this output reports it.
    pub dns_hostnames: Option<bool>,
}

/// Every input file, recognised: the entries of each describe output in file order.
pub(crate) struct Capture<'a> {
    /// Entries by key, in [`KEYS`] order.
    lists: Vec<Vec<Node<'a>>>,
    /// VPC attribute outputs.
    pub vpc_attributes: Vec<VpcAttribute<'a>>,
    /// The role each `AttachedPolicies` file is named after (`ROLE.json`), by file.
    pub attached_role: Vec<(&'a str, Option<&'a str>)>,
}

impl<'a> Capture<'a> {
    /// The entries of describe output `key` (one of [`KEYS`]).
    pub fn list(&self, key: &str) -> &[Node<'a>] {
        KEYS.iter()
            .position(|k| *k == key)
            .map(|i| self.lists[i].as_slice())
            .unwrap_or(&[])
    }

    /// Recognises each parsed file by its top-level keys.
    pub fn new(files: &'a [(Source<'a>, Json<'a>)]) -> Result<Capture<'a>, ImportError> {
        let mut cap = Capture {
            lists: vec![Vec::new(); KEYS.len()],
            vpc_attributes: Vec::new(),
            attached_role: Vec::new(),
        };
        for (src, value) in files {
            let Some(obj) = value.as_object() else {
                return Err(unrecognised(src.name, None));
            };
            if value.get("NextToken").is_some()
                || value.get("IsTruncated").and_then(Json::as_bool) == Some(true)
            {
                return Err(ImportError::Paginated {
                    file: src.name.to_string(),
                });
            }
            let mut known = false;
            for (i, key) in KEYS.iter().enumerate() {
                let Some(list) = value.get(key) else {
                    continue;
                };
                known = true;
                let Some(items) = list.as_array() else {
                    return Err(ImportError::Shape {
                        file: src.name.to_string(),
                        path: key.to_string(),
                        message: "expected a list".into(),
                    });
                };
                for (n, v) in items.iter().enumerate() {
                    if !v.is_object() {
                        return Err(ImportError::Shape {
                            file: src.name.to_string(),
                            path: format!("{key}[{n}]"),
                            message: "expected an object".into(),
                        });
                    }
                    cap.lists[i].push(Node::entry(src.name, key, n, v));
                }
                if *key == "AttachedPolicies" {
                    cap.attached_role.push((src.name, role_of_file(src.name)));
                }
            }
            if let Some(attr) = vpc_attribute(value) {
                known = true;
                cap.vpc_attributes.push(attr);
            }
            if !known {
                return Err(unrecognised(src.name, Some(obj)));
            }
        }
        Ok(cap)
    }
}

fn unrecognised(file: &str, obj: Option<&[(std::borrow::Cow<'_, str>, Json<'_>)]>) -> ImportError {
    let mut found: Vec<String> = obj
        .map(|o| o.iter().take(12).map(|(k, _)| k.to_string()).collect())
        .unwrap_or_default();
    if obj.is_some_and(|o| o.len() > 12) {
        found.push("…".into());
    }
    let mut expected = KEYS.to_vec();
    expected.extend(["EnableDnsSupport", "EnableDnsHostnames"]);
    ImportError::Unrecognised {
        file: file.to_string(),
        found,
        expected,
    }
}

fn vpc_attribute<'a>(value: &'a Json<'a>) -> Option<VpcAttribute<'a>> {
    let vpc = value.get("VpcId")?.as_str()?;
    let flag = |k: &str| value.at(&[k, "Value"])?.as_bool();
    let attr = VpcAttribute {
        vpc,
        dns_support: flag("EnableDnsSupport"),
        dns_hostnames: flag("EnableDnsHostnames"),
    };
    (attr.dns_support.is_some() || attr.dns_hostnames.is_some()).then_some(attr)
}

/// The role a `list-attached-role-policies` output belongs to: AWS's output does not
/// say, so the file must be named after the role (`ROLE.json`).
fn role_of_file(file: &str) -> Option<&str> {
    if file == "-" || file.starts_with('<') {
        return None;
    }
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = base.strip_suffix(".json").unwrap_or(base);
    (!stem.is_empty()).then_some(stem)
}

/// The VPCs chosen for import, and the ids of every resource of the capture that is
/// imported, so references can be checked before they are made.
#[derive(Default)]
pub(crate) struct Scope<'a> {
    /// Selected VPC ids.
    pub vpcs: HashSet<&'a str>,
    /// Every VPC id the capture knows (selected or not).
    pub known_vpcs: HashSet<&'a str>,
    /// Whether `--vpc` narrowed the import.
    pub filtered: bool,
    /// Imported internet gateways.
    pub igws: HashSet<&'a str>,
    /// Imported NAT gateways.
    pub nats: HashSet<&'a str>,
    /// Imported subnets.
    pub subnets: HashSet<&'a str>,
    /// Resources whose VPC the capture lacks: VPC id -> (kind, count), for one note each.
    pub missing: BTreeMap<&'a str, BTreeMap<&'static str, usize>>,
}

impl<'a> Scope<'a> {
    /// Whether a resource of `vpc` is imported. A VPC the capture does not hold is
    /// remembered, so one note can say what was left out for want of it.
    pub fn admits(&mut self, vpc: &'a str, kind: &'static str) -> bool {
        if self.vpcs.contains(vpc) {
            return true;
        }
        if !self.known_vpcs.contains(vpc) {
            *self
                .missing
                .entry(vpc)
                .or_default()
                .entry(kind)
                .or_default() += 1;
        }
        false
    }

    /// One note per VPC the capture lacks, listing what it held.
    pub fn missing_notes(&self, notes: &mut Vec<Note>) {
        for (vpc, kinds) in &self.missing {
            let what: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
            notes.push(Note::new(
                *vpc,
                what.join(", "),
                "their VPC is not in the capture: add the output of describe-vpcs",
            ));
        }
    }
}

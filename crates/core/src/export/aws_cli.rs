//! The `aws-cli` exporter: a bash script that builds the design with the AWS CLI,
//! idempotently (every resource is looked up by its tags before it is created), in
//! dependency order, with progress a person can follow and few CLI calls.
//!
//! The sections live in `aws_cli/`: network (VPCs, subnets, internet gateways),
//! nat (Elastic IPs and NAT gateways), routing, acls (network ACLs, their entries and
//! associations), security (groups and rules) and iam; workloads, which the script
//! never creates, close it with the ids they need (printed and written to a file).
//! The header ends with the monthly estimate (cost).

mod acls;
mod cost;
mod helpers;
mod iam;
mod nat;
mod network;
mod routing;
mod security;
mod workloads;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

use super::aws_common::{self, has_tag, DESIGN_TAG, ID_TAG};
use super::shell::{display, quote, Word};
use super::Exporter;
use crate::model::{Id, Topology};

/// Writes a bash script that deploys the design with the AWS CLI.
pub struct AwsCliDeploy;

impl Exporter for AwsCliDeploy {
    fn format(&self) -> &'static super::Format {
        &super::FORMATS[0]
    }
    fn write(&self, topology: &Topology, out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(script(topology)?.as_bytes())
    }
}

/// The whole deploy script.
fn script(t: &Topology) -> io::Result<String> {
    aws_common::refuse_nul(t)?;
    let mut g = Gen::new(t);
    network::vpcs(&mut g)?;
    network::subnets(&mut g)?;
    network::internet_gateways(&mut g)?;
    nat::nat_gateways(&mut g)?;
    routing::route_tables(&mut g)?;
    acls::network_acls(&mut g)?;
    security::security_groups(&mut g)?;
    iam::roles(&mut g)?;
    let file = AwsCliDeploy.file_name(&t.name);
    let teardown = super::aws_cli_teardown::AwsCliTeardown.file_name(&t.name);
    let about = [
        "Creates the design with the AWS CLI. The CLI's own configuration chooses the",
        "account: credentials, profile (AWS_PROFILE) and endpoint (AWS_ENDPOINT_URL) are",
        "never set here.",
        "",
        "Every resource is tagged Name, netwright:design (the design's name) and",
        "netwright:id (its id in the design), and looked up by these tags before it is",
        "created: running the script again creates nothing twice and adds only what is",
        "missing. Settings fixed at creation (blocks, zones, tenancy, descriptions) are",
        "not changed on resources that already exist.",
        "",
    ];
    let mut about: Vec<String> = about.iter().map(|l| l.to_string()).collect();
    if !t.network_acls.is_empty() {
        about.extend(wrap(
            "A network ACL entry that holds other values than the design's is replaced; \
             entries the design lacks are left as they are.",
            80,
        ));
        about.push(String::new());
    }
    about.extend(wrap(&format!("Creates: {}.", inventory(t)), 80));
    if !t.workloads.is_empty() {
        about.extend(wrap(
            &format!(
                "Workloads are not created: the design's {} ({}) only say where things run. \
                 At the end the script prints the subnet and security group ids each one \
                 needs and writes them as shell variables to {} beside this script.",
                plural(t.workloads.len(), "workload", "workloads"),
                workload_kinds(t),
                workloads::env_file_name(&t.name)
            ),
            80,
        ));
    }
    about.push(String::new());
    about.extend(cost::estimate(t));
    about.push(String::new());
    about.push(format!("Remove it all with {teardown}."));
    let about: Vec<&str> = about.iter().map(String::as_str).collect();
    let mut s = aws_common::header(t, &file, "deploys a Netwright design", &about);
    s.push('\n');
    s.push_str(&aws_common::prelude(t, "Deploying"));
    s.push_str(&g.helpers());
    let _ = writeln!(s, "\nTOTAL={}\nSTEP=0", g.steps);
    s.push_str(&g.body);
    s.push_str(&g.summary());
    s.push_str(&workloads::workloads(&g)?);
    Ok(s)
}

/// "1 workload" or "4 workloads".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The kinds of the design's workloads, in menu order, each once.
fn workload_kinds(t: &Topology) -> String {
    let kinds: Vec<&str> = crate::model::WorkloadKind::ALL
        .iter()
        .filter(|k| t.workloads.iter().any(|w| w.kind == **k))
        .map(|k| k.label())
        .collect();
    kinds.join(", ")
}

/// `text` in lines of at most `width` characters (after the `# ` of a comment).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let last = lines.last_mut().expect("never empty");
        if !last.is_empty() && last.len() + 1 + word.len() + 2 > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// "1 VPC, 4 subnets, ..." for the header.
fn inventory(t: &Topology) -> String {
    let eips = t
        .nat_gateways
        .iter()
        .filter(|n| n.elastic_ip.is_some())
        .count();
    let profiles = t.iam_roles.iter().filter(|r| r.instance_profile).count();
    let counts = [
        (t.vpcs.len(), "VPC", "VPCs"),
        (t.subnets.len(), "subnet", "subnets"),
        (
            t.internet_gateways.len(),
            "internet gateway",
            "internet gateways",
        ),
        (eips, "Elastic IP", "Elastic IPs"),
        (t.nat_gateways.len(), "NAT gateway", "NAT gateways"),
        (t.route_tables.len(), "route table", "route tables"),
        (t.network_acls.len(), "network ACL", "network ACLs"),
        (t.security_groups.len(), "security group", "security groups"),
        (t.iam_roles.len(), "IAM role", "IAM roles"),
        (profiles, "instance profile", "instance profiles"),
    ];
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(*n, one, many))
        .collect();
    if parts.is_empty() {
        "nothing (the design is empty)".into()
    } else {
        parts.join(", ")
    }
}

/// One resource a describe call looks for: the condition that picks it out of the
/// design's resources, and the fields read into shell variables.
#[derive(Debug, Clone)]
pub(super) struct Find {
    /// JMESPath condition, used as `[?pick]`.
    pub pick: String,
    /// `(variable, JMESPath field)` pairs.
    pub fields: Vec<(String, String)>,
}

impl Find {
    /// The resource whose id tag is `id`.
    pub fn tagged(id: &str, fields: Vec<(String, String)>) -> Self {
        Find {
            pick: has_tag(ID_TAG, id),
            fields,
        }
    }

    /// The JMESPath of this resource's fields, applied to the list of candidates.
    fn expr(&self) -> String {
        let pick = format!("[?{}]|[0]", self.pick);
        match self.fields.as_slice() {
            [(_, field)] => format!("{pick}.{field}"),
            fields => {
                let list: Vec<&str> = fields.iter().map(|(_, f)| f.as_str()).collect();
                format!("({pick} || `{{}}`)|[{}]", list.join(", "))
            }
        }
    }
}

/// The script being written: its body, the number of progress steps, the shell
/// variable of every entity, and which helper functions the body calls.
pub(super) struct Gen<'a> {
    pub t: &'a Topology,
    body: String,
    steps: usize,
    vars: BTreeMap<Id, String>,
    /// `(kind label, name, variable)` rows of the final summary.
    summary: Vec<(&'static str, String, String)>,
    /// Helper functions the body uses, by name.
    uses: Vec<&'static str>,
}

impl<'a> Gen<'a> {
    fn new(t: &'a Topology) -> Self {
        let mut vars = BTreeMap::new();
        let mut name = |prefix: &str, ids: Vec<&Id>| {
            for (i, id) in ids.into_iter().enumerate() {
                vars.entry(id.clone())
                    .or_insert_with(|| format!("{prefix}{}", i + 1));
            }
        };
        name("VPC", t.vpcs.iter().map(|e| &e.id).collect());
        name("SUBNET", t.subnets.iter().map(|e| &e.id).collect());
        name("IGW", t.internet_gateways.iter().map(|e| &e.id).collect());
        name("NAT", t.nat_gateways.iter().map(|e| &e.id).collect());
        name("RTB", t.route_tables.iter().map(|e| &e.id).collect());
        name("ACL", t.network_acls.iter().map(|e| &e.id).collect());
        name("SG", t.security_groups.iter().map(|e| &e.id).collect());
        name("ROLE", t.iam_roles.iter().map(|e| &e.id).collect());
        Gen {
            t,
            body: String::new(),
            steps: 0,
            vars,
            summary: Vec::new(),
            uses: Vec::new(),
        }
    }

    /// The shell variable holding the AWS id of entity `id`.
    pub fn var(&self, id: &Id) -> io::Result<String> {
        self.vars.get(id).cloned().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("the design refers to '{id}', which does not exist"),
            )
        })
    }

    /// The design's name, the value of the design tag.
    pub fn design(&self) -> &str {
        &self.t.name
    }

    /// The JMESPath condition "tagged as this design's" for EC2 resources.
    pub fn own(&self) -> String {
        has_tag(DESIGN_TAG, &self.t.name)
    }

    /// Appends one line (indentation included).
    pub fn line(&mut self, s: impl AsRef<str>) {
        self.body.push_str(s.as_ref());
        self.body.push('\n');
    }

    /// Starts a section with a blank line and a title comment.
    pub fn section(&mut self, title: &str) {
        let _ = write!(self.body, "\n# --- {title} ");
        let width = 78usize.saturating_sub(title.chars().count() + 7);
        self.body.push_str(&"-".repeat(width));
        self.body.push('\n');
    }

    /// Starts a numbered progress step saying `what`.
    pub fn step(&mut self, what: &str) {
        self.steps += 1;
        self.line(format!("step {}", quote(&display(what))));
    }

    /// Records that the body calls helper `name`.
    pub fn uses(&mut self, name: &'static str) {
        if !self.uses.contains(&name) {
            self.uses.push(name);
        }
    }

    /// Lists a resource in the final summary.
    pub fn summarise(&mut self, kind: &'static str, name: &str, var: &str) {
        self.summary.push((kind, name.to_string(), var.to_string()));
    }

    /// The `--query` argument (quoted) that picks the finds' fields, in order, out of
    /// the design's resources in the response's `list`, followed by `tail`'s values.
    pub fn query(&self, list: &str, finds: &[Find], tail: Option<&str>) -> String {
        let exprs: Vec<String> = finds.iter().map(Find::expr).collect();
        let mut query = format!("{list}[?{}]|[{}]", self.own(), exprs.join(", "));
        if let Some(tail) = tail {
            query = format!("[{query}, {tail}]");
        }
        quote(&query)
    }

    /// Looks resources up with one describe call: `args` are the `aws` arguments
    /// (command and filters), `list` the key of the response's list. Each find's
    /// fields land in its variables, `null` when it does not exist. With `only_if`
    /// (a bash condition) the call runs only when the condition holds, and every
    /// variable is `null` otherwise. `tail` is an extra JMESPath whose values
    /// follow the finds' in `R`.
    pub fn lookup(
        &mut self,
        args: &str,
        list: &str,
        finds: &[Find],
        only_if: Option<&str>,
        tail: Option<&str>,
    ) {
        if finds.is_empty() {
            return;
        }
        let query = self.query(list, finds, tail);
        self.run_lookup(args, &query, finds, only_if);
    }

    /// Looks IAM roles up by name with one call that also lists their policies and
    /// instance profiles (the finds pick roles by name, not by tag).
    pub fn lookup_iam(&mut self, finds: &[Find]) {
        let exprs: Vec<String> = finds.iter().map(Find::expr).collect();
        let query = quote(&format!("RoleDetailList|[{}]", exprs.join(", ")));
        self.run_lookup(
            "iam get-account-authorization-details --filter Role",
            &query,
            finds,
            None,
        );
    }

    fn run_lookup(&mut self, args: &str, query: &str, finds: &[Find], only_if: Option<&str>) {
        let call = format!("q {args} \\\n    --query {query}");
        let count: usize = finds.iter().map(|f| f.fields.len()).sum();
        match only_if {
            Some(cond) => {
                self.line(format!("if {cond}; then"));
                self.line(format!("  {}", call.replace("\n    ", "\n      ")));
                self.line("else");
                self.line(format!("  R=({})", vec!["null"; count].join(" ")));
                self.line("fi");
            }
            None => self.line(call),
        }
        let mut k = 0;
        for f in finds {
            let assigns: Vec<String> = f
                .fields
                .iter()
                .map(|(var, _)| {
                    let s = format!("{var}=${{R[{k}]}}");
                    k += 1;
                    s
                })
                .collect();
            self.line(assigns.join(" "));
        }
    }

    /// `"Name=vpc-id,Values=$VPC1,$VPC2"`: the design's VPCs as an EC2 filter.
    pub fn vpc_filter(&self) -> io::Result<String> {
        let mut w = Word::new().lit("Name=vpc-id,Values=");
        for (i, v) in self.t.vpcs.iter().enumerate() {
            if i > 0 {
                w = w.lit(",");
            }
            w = w.var(&self.var(&v.id)?);
        }
        Ok(w.render())
    }

    /// The helper functions the body calls.
    fn helpers(&self) -> String {
        let mut s = String::from(helpers::STEP);
        for (name, text) in helpers::HELPERS {
            if self.uses.contains(name) {
                s.push('\n');
                s.push_str(text);
            }
        }
        s
    }

    /// The closing lines: every resource with its AWS id.
    fn summary(&self) -> String {
        let mut s = String::from("\n# --- Summary ");
        s.push_str(&"-".repeat(64));
        s.push('\n');
        s.push_str("echo\n");
        let _ = writeln!(
            s,
            "printf 'Done in %ss: design %s is deployed in %s.\\n' \"$SECONDS\" {} \"$REGION\"",
            quote(&display(self.design()))
        );
        if self.summary.is_empty() {
            return s;
        }
        s.push_str("printf '  %-18s %-40s %s\\n'");
        for (kind, name, var) in &self.summary {
            let _ = write!(
                s,
                " \\\n  {} {} \"${var}\"",
                quote(kind),
                quote(&display(name))
            );
        }
        s.push('\n');
        s
    }
}

/// `--role-name NAME` and the like, with `=` when the value starts with `-` so that
/// the CLI cannot take it for an option.
pub(super) fn opt(option: &str, value: &str) -> String {
    if value.starts_with('-') {
        format!("{option}={}", quote(value))
    } else {
        format!("{option} {}", quote(value))
    }
}

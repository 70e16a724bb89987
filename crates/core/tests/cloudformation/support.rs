//! Helpers of the CloudFormation tests: the workspace's Python tools (cfn-lint,
//! PyYAML) and a reader of templates that resolves references to design names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use netwright_core::Topology;
use serde_json::{json, Value};

/// A tool of the workspace's Python environment; fails when it is missing.
pub fn tool(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../.venv/bin")
        .join(name);
    assert!(
        path.exists(),
        "{} not found: run scripts/setup.sh to install the test tools",
        path.display()
    );
    path
}

/// Runs cfn-lint on `files` for `region`; it must exit 0 and print nothing.
pub fn lint(region: &str, files: &[PathBuf]) {
    let (clean, report) = lint_report(region, files);
    assert!(clean, "cfn-lint on {files:?} for {region}:\n{report}");
}

/// Runs cfn-lint on `files` for `region`: whether it passed silently, and what it said.
pub fn lint_report(region: &str, files: &[PathBuf]) -> (bool, String) {
    let out = Command::new(tool("cfn-lint"))
        .args(files)
        .args(["--regions", region])
        .output()
        .expect("cfn-lint runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success() && report.trim().is_empty(), report)
}

/// Runs a Python script of the workspace's environment with `args`; it must succeed.
pub fn python(script: &str, args: &[&Path]) {
    let out = Command::new(tool("python"))
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "python on {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Resource types that take tags.
const TAGGED: &[&str] = &[
    "AWS::EC2::VPC",
    "AWS::EC2::Subnet",
    "AWS::EC2::InternetGateway",
    "AWS::EC2::EIP",
    "AWS::EC2::NatGateway",
    "AWS::EC2::RouteTable",
    "AWS::EC2::NetworkAcl",
    "AWS::EC2::SecurityGroup",
    "AWS::IAM::Role",
];

/// A template read back from JSON.
pub struct Template {
    /// The design it came from, for messages.
    pub name: String,
    /// The whole document.
    pub doc: Value,
}

impl Template {
    pub fn new(name: &str, doc: Value) -> Self {
        Template {
            name: name.into(),
            doc,
        }
    }

    pub fn resource(&self, id: &str) -> &Value {
        self.doc["Resources"]
            .get(id)
            .unwrap_or_else(|| panic!("{}: no resource {id}", self.name))
    }

    pub fn props(&self, id: &str) -> Value {
        self.resource(id)["Properties"].clone()
    }

    pub fn type_of(&self, id: &str) -> String {
        self.resource(id)["Type"].as_str().unwrap().to_string()
    }

    pub fn depends_on(&self, id: &str) -> Vec<String> {
        match self.resource(id).get("DependsOn") {
            None => Vec::new(),
            Some(Value::Array(a)) => a.iter().map(|d| d.as_str().unwrap().into()).collect(),
            Some(other) => panic!("{id}: DependsOn {other}"),
        }
    }

    /// Logical ids of the resources of type `ty`, in template order.
    pub fn of_type(&self, ty: &str) -> Vec<String> {
        self.doc["Resources"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, r)| r["Type"] == json!(ty))
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// How many resources of each type.
    pub fn counts(&self) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for r in self.doc["Resources"].as_object().unwrap().values() {
            *counts.entry(r["Type"].as_str().unwrap()).or_default() += 1;
        }
        counts
    }

    fn tag(&self, id: &str, key: &str) -> Option<String> {
        self.resource(id)["Properties"]["Tags"]
            .as_array()?
            .iter()
            .find(|t| t["Key"] == json!(key))
            .map(|t| t["Value"].as_str().unwrap().to_string())
    }

    /// The one resource of type `ty` whose Name tag is `name`.
    pub fn named(&self, ty: &str, name: &str) -> String {
        let found: Vec<String> = self
            .of_type(ty)
            .into_iter()
            .filter(|id| self.tag(id, "Name").as_deref() == Some(name))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{}: {ty} named {name:?}: {found:?}",
            self.name
        );
        found[0].clone()
    }

    /// The logical id a `Ref` or `Fn::GetAtt` points at.
    pub fn target(&self, v: &Value) -> String {
        let id = match (v.get("Ref"), v.get("Fn::GetAtt")) {
            (Some(r), None) => r.as_str(),
            (None, Some(g)) => g[0].as_str(),
            _ => None,
        };
        let id = id.unwrap_or_else(|| panic!("{}: {v} is no reference", self.name));
        self.resource(id);
        id.to_string()
    }

    /// The design name of what a `Ref` or `Fn::GetAtt` points at (its Name tag).
    pub fn target_name(&self, v: &Value) -> String {
        let id = self.target(v);
        self.tag(&id, "Name")
            .unwrap_or_else(|| panic!("{}: {id} has no Name tag", self.name))
    }

    /// A value, with a `Ref` to a parameter replaced by the parameter's default.
    pub fn resolve(&self, v: &Value) -> Value {
        match v.get("Ref").and_then(Value::as_str) {
            Some(p) => self.doc["Parameters"][p]["Default"].clone(),
            None => v.clone(),
        }
    }

    /// Each workload's outputs: `<id>SubnetIds` and `<id>SecurityGroupIds` (its logical
    /// id as the design's entities get theirs), the comma-joined ids of its subnets
    /// and groups in order, exported under the stack's name; none for an empty list.
    /// The Description says workloads are not created.
    fn check_workload_outputs(&self, t: &Topology) {
        let outputs = self.doc["Outputs"].as_object().unwrap();
        let joined: BTreeSet<&str> = outputs
            .iter()
            .filter(|(_, o)| o["Value"].get("Fn::Join").is_some())
            .map(|(k, _)| k.as_str())
            .collect();
        let mut claimed = BTreeSet::new();
        let mut prefixes = BTreeSet::new();
        for w in &t.workloads {
            let mut prefix: Option<String> = None;
            let lists = [
                ("SubnetIds", "AWS::EC2::Subnet", &w.subnets),
                (
                    "SecurityGroupIds",
                    "AWS::EC2::SecurityGroup",
                    &w.security_groups,
                ),
            ];
            for (suffix, ty, ids) in lists {
                if ids.is_empty() {
                    continue;
                }
                let want: Vec<String> = ids
                    .iter()
                    .map(|id| self.named(ty, t.find(id).map(|(_, n)| n).unwrap()))
                    .collect();
                let found: Vec<&str> = joined
                    .iter()
                    .copied()
                    .filter(|k| k.starts_with("Workload") && k.ends_with(suffix))
                    .filter(|k| {
                        let o = &outputs[*k];
                        let desc = o["Description"].as_str().unwrap();
                        let list = o["Value"]["Fn::Join"][1].as_array().unwrap();
                        let got: Vec<String> = list.iter().map(|v| self.target(v)).collect();
                        desc.contains(&w.name) && desc.contains(w.kind.label()) && got == want
                    })
                    .collect();
                assert_eq!(
                    found.len(),
                    1,
                    "{}: {suffix} of {}: {found:?}",
                    self.name,
                    w.name
                );
                let key = found[0];
                let o = &outputs[key];
                assert_eq!(o["Value"]["Fn::Join"][0], json!(","), "{key}");
                assert!(
                    o["Description"]
                        .as_str()
                        .unwrap()
                        .contains("not create the workload"),
                    "{key}"
                );
                assert_eq!(
                    o["Export"]["Name"]["Fn::Sub"],
                    json!(format!("${{AWS::StackName}}-{key}")),
                    "{key}"
                );
                let p = key.strip_suffix(suffix).unwrap().to_string();
                assert_eq!(prefix.get_or_insert_with(|| p.clone()), &p, "{}", w.name);
                assert!(claimed.insert(key), "{key} serves two workloads");
            }
            if let Some(p) = prefix {
                assert!(prefixes.insert(p.clone()), "two workloads share {p}");
            }
        }
        assert_eq!(claimed, joined, "{}: workload outputs", self.name);
        let description = self.doc["Description"].as_str().unwrap();
        assert_eq!(
            description.contains("Workloads are not created"),
            !t.workloads.is_empty(),
            "{description}"
        );
    }

    /// Tags on everything that takes them, nowhere else; one output per VPC, subnet
    /// and security group, and the workloads' (see `check_workload_outputs`);
    /// parameters only for the AZs subnets use.
    pub fn check_tags_and_outputs(&self, t: &Topology) {
        let resources = self.doc["Resources"].as_object().unwrap();
        for (id, r) in resources {
            let ty = r["Type"].as_str().unwrap();
            let tags = r["Properties"].get("Tags");
            if !TAGGED.contains(&ty) {
                assert!(tags.is_none(), "{}: {id} ({ty}) has tags", self.name);
                continue;
            }
            let tags = tags.and_then(Value::as_array).expect("tags");
            assert_eq!(tags[0]["Key"], json!("Name"), "{id}");
            assert_eq!(tags[1]["Key"], json!("netwright:design"), "{id}");
            let keys: BTreeSet<&str> = tags.iter().map(|t| t["Key"].as_str().unwrap()).collect();
            assert_eq!(keys.len(), tags.len(), "{id}: duplicate tag keys");
            let design = tags[1]["Value"].as_str().unwrap();
            if ty == "AWS::IAM::Role" {
                // IAM allows fewer characters: the others become `_`.
                assert_eq!(design.chars().count(), t.name.chars().count(), "{id}");
                for (got, want) in design.chars().zip(t.name.chars()) {
                    assert!(got == want || got == '_', "{id}: {design:?}");
                }
            } else {
                assert_eq!(design, t.name, "{id}");
            }
        }
        // Extra tags follow the two of ours.
        let extra = |ty: &str, name: &str, tags: &netwright_core::model::Tags| {
            let id = self.named(ty, name);
            let got: Vec<Value> = self.props(&id)["Tags"].as_array().unwrap()[2..].to_vec();
            let want: Vec<Value> = tags
                .iter()
                .map(|(k, v)| json!({"Key": k, "Value": v}))
                .collect();
            assert_eq!(got, want, "{}: extra tags of {id}", self.name);
        };
        for v in &t.vpcs {
            extra("AWS::EC2::VPC", &v.name, &v.tags);
        }
        for s in &t.subnets {
            extra("AWS::EC2::Subnet", &s.name, &s.tags);
        }
        for g in &t.security_groups {
            extra("AWS::EC2::SecurityGroup", &g.name, &g.tags);
        }

        let outputs = self.doc["Outputs"].as_object().unwrap();
        self.check_workload_outputs(t);
        let mut got: Vec<String> = outputs
            .values()
            .filter(|o| o["Value"].get("Fn::Join").is_none())
            .map(|o| {
                let stack_export = o["Export"]["Name"]["Fn::Sub"].as_str().unwrap();
                let id = self.target(&o["Value"]);
                assert_eq!(stack_export, format!("${{AWS::StackName}}-{id}"));
                id
            })
            .collect();
        let mut want: Vec<String> = [
            "AWS::EC2::VPC",
            "AWS::EC2::Subnet",
            "AWS::EC2::SecurityGroup",
        ]
        .iter()
        .flat_map(|ty| self.of_type(ty))
        .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{}: outputs", self.name);

        let params = self.doc["Parameters"].as_object().unwrap();
        let azs: BTreeSet<&str> = t
            .subnets
            .iter()
            .map(|s| s.availability_zone.as_str())
            .collect();
        let defaults: BTreeSet<&str> = params
            .values()
            .map(|p| {
                assert_eq!(p["Type"], json!("AWS::EC2::AvailabilityZone::Name"));
                p["Default"].as_str().unwrap()
            })
            .collect();
        assert_eq!(defaults, azs, "{}: AZ parameters", self.name);
        assert_eq!(params.len(), azs.len());
    }
}

//! The evaluator: a template value with its intrinsic functions resolved against the
//! parameters, the pseudo parameters, `Mappings` and `Conditions`. `Ref`, `Fn::GetAtt`
//! (`A.B` and `[A, B]`), `Fn::Sub` (both forms), `Fn::Join`, `Fn::Select`,
//! `Fn::Split`, `Fn::GetAZs` (from [`crate::catalog`]), `Fn::If`, `Fn::FindInMap`,
//! `Fn::Cidr` (IPv4), `Fn::Length` and the condition functions; `AWS::NoValue` removes
//! the property or list item that holds it. What only a deployment knows (a resource's
//! id, another stack's export) stays symbolic in a [`Val`].
//!
//! The text and list functions are in `functions.rs`. Evaluation is bounded: at most
//! [`MAX_DEPTH`] nested values and references, at most [`MAX_STEPS`] steps in all,
//! text of at most [`MAX_TEXT`] bytes; a circular condition or attribute is an error
//! naming the cycle, never a stack overflow.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map, Value};

use super::value::{Path, Val};
use crate::catalog;
use crate::import::ImportError;

/// How deep values and references may nest while evaluating.
const MAX_DEPTH: usize = 200;
/// How many values one import may evaluate: the export of the 1,000-subnet synthetic
/// design takes about 60,000; the bound stops a template that doubles its work at
/// each reference (`A.CidrBlock` joins `B.CidrBlock` twice, …) in well under a second.
const MAX_STEPS: usize = 2_000_000;
/// The longest text a function may build.
pub(super) const MAX_TEXT: usize = 1 << 20;

/// The account id used for `AWS::AccountId`, which only a deployment knows.
pub(crate) const PLACEHOLDER_ACCOUNT: &str = "123456789012";
/// The stack name used for `AWS::StackName` when none is given.
pub(crate) const PLACEHOLDER_STACK: &str = "imported";

/// Resource attributes that are properties of the resource, so known before deploying.
const STATIC_ATTRIBUTES: &[(&str, &str)] = &[
    ("AWS::EC2::VPC", "CidrBlock"),
    ("AWS::EC2::Subnet", "AvailabilityZone"),
    ("AWS::EC2::Subnet", "CidrBlock"),
    ("AWS::EC2::Subnet", "VpcId"),
    ("AWS::EC2::SecurityGroup", "VpcId"),
];

/// Which placeholders an evaluation used, for notes.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Used {
    /// `AWS::AccountId` was read (the placeholder stands in).
    pub account: bool,
    /// `AWS::StackName` was read without `--stack-name`.
    pub stack_name: bool,
}

/// The evaluation context of one template.
pub(crate) struct Eval<'a> {
    pub(crate) file: &'a str,
    pub(crate) resources: &'a Map<String, Value>,
    pub(crate) mappings: Option<&'a Map<String, Value>>,
    pub(crate) conditions: Option<&'a Map<String, Value>>,
    pub(crate) params: HashMap<String, Val<'a>>,
    pub(crate) region: Option<String>,
    pub(crate) stack_name: Option<String>,
    pub(crate) used: Used,
    /// Conditions evaluated (`Some`) or being evaluated (`None`).
    pub(super) cond_state: HashMap<&'a str, Option<bool>>,
    /// The conditions being evaluated, outermost first (to name a cycle).
    pub(super) cond_stack: Vec<&'a str>,
    /// Whether each resource is created (its `Condition`).
    included: HashMap<&'a str, bool>,
    /// Static attributes being evaluated (to name a cycle).
    attr_stack: Vec<(String, String)>,
    depth: usize,
    steps: usize,
}

impl<'a> Eval<'a> {
    /// A context over a template's sections.
    pub(crate) fn new(
        file: &'a str,
        resources: &'a Map<String, Value>,
        mappings: Option<&'a Map<String, Value>>,
        conditions: Option<&'a Map<String, Value>>,
        params: HashMap<String, Val<'a>>,
    ) -> Self {
        Eval {
            file,
            resources,
            mappings,
            conditions,
            params,
            region: None,
            stack_name: None,
            used: Used::default(),
            cond_state: HashMap::new(),
            cond_stack: Vec::new(),
            included: HashMap::new(),
            attr_stack: Vec::new(),
            depth: 0,
            steps: 0,
        }
    }

    /// An error at `at`.
    pub(crate) fn err(&self, at: &Path<'_>, message: impl Into<String>) -> ImportError {
        ImportError::Template {
            file: self.file.to_string(),
            path: at.to_string(),
            message: message.into(),
        }
    }

    /// Counts a step and a level of nesting; errors past the bounds.
    pub(super) fn enter(&mut self, at: &Path<'_>) -> Result<(), ImportError> {
        self.steps += 1;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(self.err(
                at,
                format!("values and references nest deeper than {MAX_DEPTH} levels"),
            ));
        }
        if self.steps > MAX_STEPS {
            self.depth -= 1;
            return Err(self.err(at, "the template takes too long to evaluate"));
        }
        Ok(())
    }

    pub(super) fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Whether the resource `id` is created: its `Condition`, if any, is true.
    pub(crate) fn included(&mut self, id: &'a str) -> Result<bool, ImportError> {
        if let Some(&b) = self.included.get(id) {
            return Ok(b);
        }
        let resources = self.resources;
        let Some((key, r)) = resources.get_key_value(id) else {
            return Ok(false);
        };
        let b = match r.get("Condition") {
            None => true,
            Some(Value::String(c)) => {
                let root = Path::Root("Resources");
                let at = root.key(key);
                let at = at.key("Condition");
                self.condition(c, &at)?
            }
            Some(_) => {
                let root = Path::Root("Resources");
                let at = root.key(key);
                return Err(self.err(&at.key("Condition"), "expected a condition's name"));
            }
        };
        self.included.insert(key, b);
        Ok(b)
    }

    /// Evaluates `v`; `None` is `AWS::NoValue` (the holder drops it).
    pub(crate) fn eval(
        &mut self,
        v: &'a Value,
        at: &Path<'_>,
    ) -> Result<Option<Val<'a>>, ImportError> {
        self.enter(at)?;
        let out = self.eval_inner(v, at);
        self.leave();
        out
    }

    fn eval_inner(&mut self, v: &'a Value, at: &Path<'_>) -> Result<Option<Val<'a>>, ImportError> {
        Ok(Some(match v {
            Value::Null => Val::Null,
            Value::Bool(b) => Val::Bool(*b),
            Value::Number(n) => Val::Num(n.to_string().into()),
            Value::String(s) => Val::Str(Cow::Borrowed(s)),
            Value::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for (i, item) in a.iter().enumerate() {
                    out.extend(self.eval(item, &at.index(i))?);
                }
                Val::List(out)
            }
            Value::Object(m) => {
                if m.len() == 1 {
                    let (k, arg) = m.iter().next().expect("one entry");
                    if k == "Ref" || k.starts_with("Fn::") {
                        return self.function(k, arg, &at.key(k));
                    }
                }
                let mut out = Vec::with_capacity(m.len());
                for (k, item) in m {
                    if let Some(x) = self.eval(item, &at.key(k))? {
                        out.push((k.as_str(), x));
                    }
                }
                Val::Map(out)
            }
        }))
    }

    /// Evaluates `v`, which must not be `AWS::NoValue`.
    pub(crate) fn value(&mut self, v: &'a Value, at: &Path<'_>) -> Result<Val<'a>, ImportError> {
        self.eval(v, at)?
            .ok_or_else(|| self.err(at, "AWS::NoValue cannot stand here"))
    }

    /// Evaluates `v` to text (a string or number).
    pub(super) fn text(
        &mut self,
        v: &'a Value,
        at: &Path<'_>,
        what: &str,
    ) -> Result<Option<String>, ImportError> {
        match self.value(v, at)? {
            Val::Str(s) | Val::Num(s) => Ok(Some(s.into_owned())),
            Val::Bool(b) => Ok(Some(b.to_string())),
            x if !x.is_known() => Ok(None),
            other => Err(self.err(at, format!("{what} must be text, not {other}"))),
        }
    }

    /// The arguments of a function that takes a list of `n` items.
    pub(super) fn args(
        &self,
        arg: &'a Value,
        n: std::ops::RangeInclusive<usize>,
        at: &Path<'_>,
        name: &str,
    ) -> Result<&'a [Value], ImportError> {
        match arg {
            Value::Array(a) if n.contains(&a.len()) => Ok(a),
            _ => {
                let (lo, hi) = (*n.start(), *n.end());
                let count = if lo == hi {
                    format!("{lo}")
                } else {
                    format!("{lo} to {hi}")
                };
                Err(self.err(at, format!("{name} takes a list of {count} arguments")))
            }
        }
    }

    fn function(
        &mut self,
        name: &str,
        arg: &'a Value,
        at: &Path<'_>,
    ) -> Result<Option<Val<'a>>, ImportError> {
        let v = match name {
            "Ref" => return self.reference(arg, at),
            "Fn::GetAtt" => self.get_att(arg, at)?,
            "Fn::Sub" => self.sub(arg, at)?,
            "Fn::Join" => self.join(arg, at)?,
            "Fn::Select" => self.select(arg, at)?,
            "Fn::Split" => {
                let a = self.args(arg, 2..=2, at, name)?;
                let delim = self.text(&a[0], &at.index(0), "the delimiter")?;
                let source = self.text(&a[1], &at.index(1), "the text to split")?;
                match (delim, source) {
                    (Some(d), Some(s)) if !d.is_empty() => Val::List(
                        s.split(d.as_str())
                            .map(|p| Val::Str(p.to_string().into()))
                            .collect(),
                    ),
                    (Some(_), Some(_)) => return Err(self.err(at, "Fn::Split needs a delimiter")),
                    _ => Val::Unknown("Fn::Split of a deploy-time value".into()),
                }
            }
            "Fn::GetAZs" => {
                let region = match self.text(arg, at, "the Region")? {
                    Some(r) if !r.is_empty() => r,
                    Some(_) => self.region(at, "Fn::GetAZs")?,
                    None => return Err(self.err(at, "Fn::GetAZs needs a known Region")),
                };
                let azs = catalog::availability_zones(&region);
                if azs.is_empty() {
                    return Err(self.err(
                        at,
                        format!("Fn::GetAZs: {region} is not a Region Netwright knows"),
                    ));
                }
                Val::List(azs.into_iter().map(|z| Val::Str(z.into())).collect())
            }
            "Fn::If" => {
                let a = self.args(arg, 3..=3, at, name)?;
                let Value::String(c) = &a[0] else {
                    return Err(self.err(&at.index(0), "Fn::If needs a condition's name first"));
                };
                let chosen = if self.condition(c, &at.index(0))? {
                    1
                } else {
                    2
                };
                return self.eval(&a[chosen], &at.index(chosen));
            }
            "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not" => {
                Val::Bool(self.condition_function(name, arg, at)?)
            }
            "Fn::FindInMap" => self.find_in_map(arg, at)?,
            "Fn::Cidr" => self.cidr(arg, at)?,
            "Fn::Length" => match self.value(arg, at)? {
                Val::List(l) => Val::Num(l.len().to_string().into()),
                x if !x.is_known() => Val::Unknown("Fn::Length of a deploy-time list".into()),
                _ => return Err(self.err(at, "Fn::Length takes a list")),
            },
            "Fn::ImportValue" => {
                let what = self.text(arg, at, "the export's name")?.unwrap_or_default();
                Val::Unknown(format!("the value another stack exports as {what}"))
            }
            other => Val::Unknown(format!("{other} is not evaluated")),
        };
        Ok(Some(v))
    }

    /// The stack's Region, or an error saying `what` needs it.
    fn region(&self, at: &Path<'_>, what: &str) -> Result<String, ImportError> {
        self.region.clone().ok_or_else(|| {
            self.err(
                at,
                format!("{what} needs the stack's Region, which the template does not say: give it with --region"),
            )
        })
    }

    fn reference(&mut self, arg: &'a Value, at: &Path<'_>) -> Result<Option<Val<'a>>, ImportError> {
        let Value::String(name) = arg else {
            return Err(self.err(at, "Ref takes the name of a parameter or resource"));
        };
        self.lookup(name, at, "Ref names")
    }

    /// The value of a parameter, pseudo parameter or resource named `name`; `None` for
    /// `AWS::NoValue`. `what` starts the error for an unknown name.
    pub(super) fn lookup(
        &mut self,
        name: &str,
        at: &Path<'_>,
        what: &str,
    ) -> Result<Option<Val<'a>>, ImportError> {
        let v = match name {
            "AWS::NoValue" => return Ok(None),
            "AWS::Region" => Val::Str(self.region(at, "AWS::Region")?.into()),
            "AWS::AccountId" => {
                self.used.account = true;
                Val::Str(PLACEHOLDER_ACCOUNT.into())
            }
            "AWS::StackName" => Val::Str(self.stack_name().into()),
            "AWS::Partition" => Val::Str(partition(self.region.as_deref()).into()),
            "AWS::URLSuffix" => Val::Str(url_suffix(self.region.as_deref()).into()),
            "AWS::StackId" => Val::Unknown("the stack's id".into()),
            "AWS::NotificationARNs" => Val::Unknown("the stack's notification ARNs".into()),
            n => {
                let resources = self.resources;
                if let Some(p) = self.params.get(n) {
                    p.clone()
                } else if let Some((key, _)) = resources.get_key_value(n) {
                    self.check_created(key, at)?;
                    Val::Ref(key.as_str())
                } else {
                    return Err(self.err(
                        at,
                        format!("{what} {n}, which is neither a parameter, a resource nor a pseudo parameter of the template"),
                    ));
                }
            }
        };
        Ok(Some(v))
    }

    pub(crate) fn stack_name(&mut self) -> String {
        match &self.stack_name {
            Some(s) => s.clone(),
            None => {
                self.used.stack_name = true;
                PLACEHOLDER_STACK.into()
            }
        }
    }

    /// A reference to resource `id` is an error when the resource is not created.
    fn check_created(&mut self, id: &str, at: &Path<'_>) -> Result<(), ImportError> {
        if self.included.get(id) == Some(&true) {
            return Ok(());
        }
        let resources = self.resources;
        let Some((key, _)) = resources.get_key_value(id) else {
            return Ok(());
        };
        if self.included(key)? {
            return Ok(());
        }
        Err(self.err(
            at,
            format!("{id} is not created (its condition is false), so nothing may refer to it: CloudFormation rejects such a template"),
        ))
    }

    fn get_att(&mut self, arg: &'a Value, at: &Path<'_>) -> Result<Val<'a>, ImportError> {
        let (res, attr) = match arg {
            Value::String(s) => match s.split_once('.') {
                Some((r, a)) => (r.to_string(), a.to_string()),
                None => return Err(self.err(at, "Fn::GetAtt takes RESOURCE.ATTRIBUTE")),
            },
            Value::Array(a) if a.len() == 2 => {
                let Value::String(r) = &a[0] else {
                    return Err(self.err(at, "Fn::GetAtt takes a resource's logical id first"));
                };
                match self.text(&a[1], &at.index(1), "the attribute")? {
                    Some(attr) => (r.clone(), attr),
                    None => return Err(self.err(at, "Fn::GetAtt needs a known attribute name")),
                }
            }
            _ => {
                return Err(self.err(
                    at,
                    "Fn::GetAtt takes RESOURCE.ATTRIBUTE or [RESOURCE, ATTRIBUTE]",
                ))
            }
        };
        self.attribute(&res, &attr, at)
    }

    /// `res.attr`: a property's value for the attributes that are properties, else a
    /// symbolic attribute.
    pub(super) fn attribute(
        &mut self,
        res: &str,
        attr: &str,
        at: &Path<'_>,
    ) -> Result<Val<'a>, ImportError> {
        let resources = self.resources;
        let Some((key, r)) = resources.get_key_value(res) else {
            return Err(self.err(
                at,
                format!("Fn::GetAtt names {res}, which is not a resource of the template"),
            ));
        };
        self.check_created(key, at)?;
        let ty = r.get("Type").and_then(Value::as_str).unwrap_or("");
        let known = STATIC_ATTRIBUTES
            .iter()
            .any(|(t, a)| *t == ty && *a == attr);
        let Some(prop) = r
            .get("Properties")
            .and_then(|p| p.get(attr))
            .filter(|_| known)
        else {
            return Ok(Val::Att(key.as_str(), attr.to_string().into()));
        };
        let pair = (res.to_string(), attr.to_string());
        if self.attr_stack.contains(&pair) {
            let chain: Vec<String> = self
                .attr_stack
                .iter()
                .chain(std::iter::once(&pair))
                .map(|(r, a)| format!("{r}.{a}"))
                .collect();
            return Err(self.err(at, format!("circular reference: {}", chain.join(" -> "))));
        }
        self.attr_stack.push(pair);
        let root = Path::Root("Resources");
        let p1 = root.key(key);
        let p2 = p1.key("Properties");
        let p3 = p2.key(attr);
        let v = self.eval(prop, &p3);
        self.attr_stack.pop();
        Ok(v?.unwrap_or_else(|| Val::Att(key.as_str(), attr.to_string().into())))
    }
}

/// The partition of a Region.
fn partition(region: Option<&str>) -> &'static str {
    match region {
        Some(r) if r.starts_with("cn-") => "aws-cn",
        Some(r) if r.starts_with("us-gov-") => "aws-us-gov",
        _ => "aws",
    }
}

/// The domain suffix of a Region's endpoints.
fn url_suffix(region: Option<&str>) -> &'static str {
    match region {
        Some(r) if r.starts_with("cn-") => "amazonaws.com.cn",
        _ => "amazonaws.com",
    }
}

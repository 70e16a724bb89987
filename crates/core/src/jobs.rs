//! Work the browser app hands to its on-demand module (`crates/worker`, a Web Worker):
//! exports, imports, comparisons and share links, which are used only after a design
//! is on screen. A job is a [`Request`] in and a [`Reply`] out, both JSON text, so
//! the worker is a thin shell over [`handle`] and this module is tested natively.
//! Designs travel as their saved text (`format::save`), so both sides need nothing
//! but the saved format to agree on.

use serde::{Deserialize, Serialize};

use crate::diff::Change;
use crate::export::{self, ExportError};
use crate::format;
use crate::import::{self, Note, Source};

/// One job for the on-demand module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "job", rename_all = "snake_case")]
pub enum Request {
    /// Export a design (its saved text) in `format` (an exporter's name).
    Export {
        /// The design's saved text.
        design: String,
        /// The exporter's name, e.g. `aws-cli`.
        format: String,
    },
    /// Import files: one CloudFormation template, or AWS describe output.
    Import {
        /// The files, `(name, text)`.
        files: Vec<(String, String)>,
        /// VPCs to import by id or name, separated by commas or spaces (empty: all).
        vpcs: String,
        /// A template's Region, when the person chose one.
        region: Option<String>,
        /// A template's parameters, `KEY=VALUE` one a line.
        parameters: String,
    },
    /// Compare design `a` with design `b` (both saved texts).
    Diff {
        /// The first design's saved text.
        a: String,
        /// The second design's saved text.
        b: String,
    },
    /// Pack a design (its saved text) into a share-link fragment.
    Share {
        /// The design's saved text.
        design: String,
    },
}

/// What a job gives back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    /// The export's text and cautions.
    Exported {
        /// The exported text, the same bytes as `netwright export`.
        text: String,
        /// What to know before deploying it.
        cautions: Vec<String>,
    },
    /// The design has errors and this format needs a valid one.
    Invalid {
        /// Each error as `CODE message`.
        errors: Vec<String>,
    },
    /// The imported design (its saved text) and what it had to leave out.
    Imported {
        /// The design's saved text.
        design: String,
        /// What the source holds that the design does not.
        notes: Vec<Note>,
    },
    /// What changed from `a` to `b`.
    Diffed {
        /// The changes, as `diff::diff` gives them.
        changes: Vec<Change>,
    },
    /// A share-link fragment (without the `#`).
    Shared {
        /// The fragment.
        fragment: String,
    },
    /// The job could not be done; the message says why, for a person.
    Failed {
        /// What went wrong.
        message: String,
    },
}

/// Runs one job given as JSON text and returns its reply as JSON text. Never panics
/// on any input: text that is not a job gets a [`Reply::Failed`].
///
/// ```
/// use netwright_core::jobs::{handle, Reply};
/// let reply: Reply = serde_json::from_str(&handle("not a job")).unwrap();
/// assert!(matches!(reply, Reply::Failed { .. }));
/// ```
pub fn handle(request: &str) -> String {
    let reply = match serde_json::from_str::<Request>(request) {
        Ok(request) => run(request),
        Err(e) => Reply::Failed {
            message: format!("The on-demand module was sent a job it does not know ({e})."),
        },
    };
    serde_json::to_string(&reply).expect("replies always serialise")
}

/// Runs one job.
///
/// ```
/// use netwright_core::jobs::{run, Reply, Request};
/// use netwright_core::{format, templates};
/// let design = format::save(&templates::smartinvoice());
/// let reply = run(Request::Export { design, format: "aws-cli".into() });
/// assert!(matches!(reply, Reply::Exported { text, .. } if text.starts_with("#!")));
/// ```
pub fn run(request: Request) -> Reply {
    match request {
        Request::Export { design, format } => export(&design, &format),
        Request::Import {
            files,
            vpcs,
            region,
            parameters,
        } => import(&files, &vpcs, region, &parameters),
        Request::Diff { a, b } => match (load(&a), load(&b)) {
            (Ok(a), Ok(b)) => Reply::Diffed {
                changes: crate::diff::diff(&a, &b),
            },
            (Err(e), _) | (_, Err(e)) => e,
        },
        Request::Share { design } => match load(&design) {
            Ok(t) => Reply::Shared {
                fragment: crate::share::to_fragment(&t),
            },
            Err(e) => e,
        },
    }
}

fn load(design: &str) -> Result<crate::Topology, Reply> {
    format::load(design).map_err(|e| Reply::Failed {
        message: format!("The design could not be read: {e}"),
    })
}

fn export(design: &str, name: &str) -> Reply {
    let t = match load(design) {
        Ok(t) => t,
        Err(e) => return e,
    };
    match export::export_with_cautions(&t, name) {
        Ok(export::Export { text, cautions }) => Reply::Exported { text, cautions },
        Err(ExportError::Invalid(list)) => Reply::Invalid {
            errors: list
                .iter()
                .map(|d| format!("{} {}", d.code, d.message))
                .collect(),
        },
        Err(e) => Reply::Failed {
            message: e.to_string(),
        },
    }
}

/// Parses `KEY=VALUE` lines (blank lines skipped).
fn parameters(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let Some((k, v)) = line.split_once('=') else {
            return Err(format!("Template parameter \"{line}\" is not KEY=VALUE."));
        };
        out.push((k.trim().to_string(), v.trim().to_string()));
    }
    Ok(out)
}

fn import(
    files: &[(String, String)],
    vpcs: &str,
    region: Option<String>,
    parameter_lines: &str,
) -> Reply {
    let sources: Vec<Source<'_>> = files
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    let result = match sources.as_slice() {
        [one] if import::is_template(one.name, one.text) => {
            parameters(parameter_lines).and_then(|parameters| {
                let options = import::cloudformation::Options {
                    region,
                    stack_name: None,
                    parameters,
                };
                import::cloudformation::import(one, &options).map_err(|e| e.to_string())
            })
        }
        _ => {
            let options = import::aws::Options {
                vpcs: vpcs
                    .split([',', ' '])
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
                    .collect(),
            };
            import::aws::import(&sources, &options).map_err(|e| e.to_string())
        }
    };
    match result {
        Ok(i) => Reply::Imported {
            design: format::save(&i.design),
            notes: i.notes,
        },
        Err(message) => Reply::Failed { message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    fn ask(request: Request) -> Reply {
        let text = serde_json::to_string(&request).unwrap();
        serde_json::from_str(&handle(&text)).unwrap()
    }

    #[test]
    fn an_export_is_the_bytes_the_cli_writes() {
        let t = templates::smartinvoice();
        for f in export::FORMATS {
            let reply = ask(Request::Export {
                design: format::save(&t),
                format: f.name.into(),
            });
            let expected = export::export_with_cautions(&t, f.name).unwrap();
            assert_eq!(
                reply,
                Reply::Exported {
                    text: expected.text,
                    cautions: expected.cautions
                },
                "{}",
                f.name
            );
        }
    }

    #[test]
    fn a_design_with_errors_is_refused_with_its_errors() {
        let mut t = templates::smartinvoice();
        t.subnets[0].cidr = "10.0.1.0/33".into();
        let reply = ask(Request::Export {
            design: format::save(&t),
            format: "aws-cli".into(),
        });
        let Reply::Invalid { errors } = reply else {
            panic!("expected Invalid, got {reply:?}")
        };
        assert!(errors.iter().any(|e| e.starts_with("NW")), "{errors:?}");
    }

    #[test]
    fn bad_input_says_what_is_wrong() {
        let unknown = ask(Request::Export {
            design: format::save(&templates::smartinvoice()),
            format: "pdf".into(),
        });
        assert!(
            matches!(unknown, Reply::Failed { message } if message.contains("unknown export format 'pdf'"))
        );
        let unreadable = ask(Request::Share { design: "{".into() });
        assert!(
            matches!(unreadable, Reply::Failed { message } if message.starts_with("The design could not be read"))
        );
        let bad_parameter = ask(Request::Import {
            files: vec![("t.yaml".into(), "Resources: {}".into())],
            vpcs: String::new(),
            region: None,
            parameters: "Env\n".into(),
        });
        assert_eq!(
            bad_parameter,
            Reply::Failed {
                message: "Template parameter \"Env\" is not KEY=VALUE.".into()
            }
        );
    }

    #[test]
    fn an_import_of_our_own_template_gives_the_design_back() {
        let t = templates::smartinvoice();
        let template = export::export(&t, "cloudformation").unwrap();
        let reply = ask(Request::Import {
            files: vec![("stack.json".into(), template)],
            vpcs: String::new(),
            region: None,
            parameters: String::new(),
        });
        let Reply::Imported { design, .. } = reply else {
            panic!("expected Imported, got {reply:?}")
        };
        let back = format::load(&design).unwrap();
        assert!(crate::diff::diff(&t, &back).is_empty());
    }

    #[test]
    fn diff_and_share_travel_intact() {
        let a = templates::smartinvoice();
        let mut b = a.clone();
        b.subnets[1].cidr = "10.0.9.0/24".into();
        let reply = ask(Request::Diff {
            a: format::save(&a),
            b: format::save(&b),
        });
        assert_eq!(
            reply,
            Reply::Diffed {
                changes: crate::diff::diff(&a, &b)
            }
        );
        let reply = ask(Request::Share {
            design: format::save(&a),
        });
        assert_eq!(
            reply,
            Reply::Shared {
                fragment: crate::share::to_fragment(&a)
            }
        );
    }
}

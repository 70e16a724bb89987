//! The Reach panel's store and its pure parts: which question is asked (from, to, the
//! kind of traffic, a port), the answer as a memo over the document (so every edit,
//! undo included, asks again), the "pick on the diagram" mode, and how a path is
//! marked on the diagram. The panel itself is in [`panel`], its matrix view in
//! [`matrix`]. Session state only: nothing here enters the design or its history.

mod matrix;
mod panel;

pub use panel::ReachPanel;

use leptos::prelude::*;
use netwright_core::model::{EntityKind, EntityRef};
use netwright_core::reach::{self, Answer, Endpoint, Open, Traffic};
use netwright_core::{Id, Topology};
use send_wrapper::SendWrapper;

use crate::editor::Editor;

/// One end of a question, by id, so renames and edits elsewhere keep it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// Any address on the internet.
    Internet,
    /// A workload, a security group or a subnet.
    Entity(EntityRef),
}

impl End {
    /// The core's endpoint for it in `t`, if it is still there.
    pub fn endpoint(&self, t: &Topology) -> Option<Endpoint> {
        let End::Entity(r) = self else {
            return Some(Endpoint::Internet);
        };
        match r.kind {
            EntityKind::Workload => t
                .workloads
                .iter()
                .position(|w| w.id == r.id)
                .map(Endpoint::Workload),
            EntityKind::SecurityGroup => t
                .security_groups
                .iter()
                .position(|g| g.id == r.id)
                .map(Endpoint::Group),
            EntityKind::Subnet => t
                .subnets
                .iter()
                .position(|s| s.id == r.id)
                .map(Endpoint::Subnet),
            _ => None,
        }
    }

    /// The end a core endpoint of `t` stands for.
    pub fn of(t: &Topology, e: Endpoint) -> End {
        e.entity(t).map_or(End::Internet, End::Entity)
    }

    /// Its value in the pickers: `internet`, or `kind:id`.
    pub fn value(&self) -> String {
        match self {
            End::Internet => "internet".into(),
            End::Entity(r) => format!("{}:{}", r.kind.id_prefix(), r.id),
        }
    }

    /// The end a picker's value names.
    pub fn from_value(v: &str) -> Option<End> {
        if v == "internet" {
            return Some(End::Internet);
        }
        let (kind, id) = v.split_once(':')?;
        let kind = [
            EntityKind::Workload,
            EntityKind::SecurityGroup,
            EntityKind::Subnet,
        ]
        .into_iter()
        .find(|k| k.id_prefix() == kind)?;
        Some(End::Entity(EntityRef::new(kind, &Id::new(id))))
    }
}

/// The port field as typed: empty is every port (or ICMP type); all traffic has none.
///
/// ```
/// use netwright::panels::reach::parse_port;
/// use netwright_core::reach::Traffic;
/// assert_eq!(parse_port(Traffic::Tcp, " 5432 "), Ok(Some(5432)));
/// assert_eq!(parse_port(Traffic::Udp, ""), Ok(None));
/// assert!(parse_port(Traffic::Tcp, "70000").is_err());
/// assert!(parse_port(Traffic::Icmp, "300").is_err());
/// assert_eq!(parse_port(Traffic::All, "80"), Ok(None));
/// ```
pub fn parse_port(traffic: Traffic, text: &str) -> Result<Option<u16>, String> {
    let text = text.trim();
    if traffic == Traffic::All || text.is_empty() {
        return Ok(None);
    }
    let (max, what) = match traffic {
        Traffic::Icmp => (255, "An ICMP type is a whole number from 0 to 255"),
        _ => (65_535, "A port is a whole number from 0 to 65535"),
    };
    match text.parse::<u32>() {
        Ok(n) if n <= max => Ok(Some(n as u16)),
        _ => Err(format!(
            "{what}, or empty for every {}: \"{text}\" is not.",
            if traffic == Traffic::Icmp {
                "type"
            } else {
                "port"
            }
        )),
    }
}

/// What gets through, in words: `tcp 80, 443`, `all traffic`, `tcp 22; udp 53`.
pub fn open_label(open: &[Open]) -> String {
    open.iter()
        .map(|o| match (o.traffic, o.ports.as_str()) {
            (Traffic::All, _) => "all traffic".to_string(),
            (Traffic::Icmp, "all") => "icmp (every type)".to_string(),
            (t, "all") => format!("{} (every port)", t.as_str()),
            (t, ports) => format!("{} {ports}", t.as_str()),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The first port of an open entry (`80, 443` → 80, `1024-65535` → 1024), none for
/// every port.
pub fn first_port(o: &Open) -> Option<u16> {
    let digits: String = o.ports.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// How the hops of a path are marked on the diagram: each entity once, numbered by
/// its places in the path (1-based, as the panel lists them), red where any of its
/// hops blocks. In path order.
pub fn marks(a: &Answer) -> Vec<(EntityRef, &'static str, String)> {
    let mut out: Vec<(EntityRef, &'static str, String)> = Vec::new();
    for (i, h) in a.path.iter().enumerate() {
        let Some(e) = &h.entity else { continue };
        let class = if h.allowed {
            "reach-mark reach-allowed"
        } else {
            "reach-mark reach-blocked"
        };
        match out.iter_mut().find(|(r, _, _)| r == e) {
            Some(m) => {
                m.2.push_str(&format!(",{}", i + 1));
                if !h.allowed {
                    m.1 = class;
                }
            }
            None => out.push((e.clone(), class, (i + 1).to_string())),
        }
    }
    out
}

/// Which end the next click on the diagram sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The source.
    From,
    /// The destination.
    To,
}

/// The panel's two views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// One question and its path.
    Path,
    /// Every pair and what gets through.
    Matrix,
}

/// A question as asked and what the core answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// The question in words: `tcp/5432 from internet to smartinvoice-rds`.
    pub question: String,
    /// The answer, or why the question cannot be asked.
    pub answer: Result<Answer, String>,
}

/// The Reach store, from context. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Reach {
    /// Whether the panel is shown.
    pub open: RwSignal<bool>,
    /// The source.
    pub from: RwSignal<Option<End>>,
    /// The destination.
    pub to: RwSignal<Option<End>>,
    /// The kind of traffic.
    pub traffic: RwSignal<Traffic>,
    /// The port field as typed.
    pub port: RwSignal<String>,
    /// Which end the next click on the diagram sets, while picking.
    pub picking: RwSignal<Option<Side>>,
    /// The view shown.
    pub tab: RwSignal<Tab>,
    /// The answer to the question, while the panel is shown and the question is whole.
    pub answer: Memo<Option<Asked>>,
    /// What had the focus before the panel opened, to give it back on close.
    opener: StoredValue<SendWrapper<Option<web_sys::HtmlElement>>>,
}

impl Reach {
    /// A store asking about `editor`'s document.
    pub fn new(editor: Editor) -> Self {
        let open = RwSignal::new(false);
        let from = RwSignal::new(None::<End>);
        let to = RwSignal::new(None::<End>);
        let traffic = RwSignal::new(Traffic::Tcp);
        let port = RwSignal::new(String::new());
        let answer = Memo::new(move |_| {
            if !open.get() {
                return None;
            }
            let (a, b) = (from.get()?, to.get()?);
            let traffic = traffic.get();
            let port = port.with(|p| parse_port(traffic, p)).ok()?;
            editor.doc.with(|t| {
                let (x, y) = (a.endpoint(t)?, b.endpoint(t)?);
                let what = match (traffic, port) {
                    (Traffic::All, _) => "all traffic".to_string(),
                    (Traffic::Icmp, Some(p)) => format!("icmp type {p}"),
                    (t, Some(p)) => format!("{}/{p}", t.as_str()),
                    (Traffic::Icmp, None) => "icmp (every type)".to_string(),
                    (t, None) => format!("{} (every port)", t.as_str()),
                };
                Some(Asked {
                    question: format!("{what} from {} to {}", x.name(t), y.name(t)),
                    answer: reach::reach(t, x, y, traffic, port).map_err(|e| e.0),
                })
            })
        });
        Reach {
            open,
            from,
            to,
            traffic,
            port,
            picking: RwSignal::new(None),
            tab: RwSignal::new(Tab::Path),
            answer,
            opener: StoredValue::new(SendWrapper::new(None)),
        }
    }

    /// Shows the panel (or, when shown, moves the focus into it).
    pub fn show(&self) {
        let active = document()
            .active_element()
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        let inside = active
            .as_ref()
            .is_some_and(|e| e.closest(".reach").ok().flatten().is_some());
        if !inside {
            self.opener.set_value(SendWrapper::new(active));
        }
        if self.open.get_untracked() {
            panel::focus_first();
        } else {
            self.open.set(true);
        }
    }

    /// Hides the panel and gives the focus back to what had it before.
    pub fn close(&self) {
        self.picking.set(None);
        self.open.set(false);
        let opener = self.opener.with_value(|o| (**o).clone());
        if let Some(el) = opener.filter(|el| el.is_connected()) {
            let _ = el.focus();
        }
    }

    /// Whether the next click on the diagram sets an end.
    pub fn is_picking(&self) -> bool {
        self.open.get_untracked() && self.picking.get_untracked().is_some()
    }

    /// Sets the end being picked to `end`: From, then To.
    pub fn pick(&self, end: End) {
        match self.picking.get_untracked() {
            Some(Side::From) => {
                self.from.set(Some(end));
                self.picking.set(Some(Side::To));
            }
            Some(Side::To) => {
                self.to.set(Some(end));
                self.picking.set(None);
                self.tab.set(Tab::Path);
            }
            None => {}
        }
    }

    /// The path of the current answer as the diagram marks it (see [`marks`]).
    pub fn marks(&self) -> Vec<(EntityRef, &'static str, String)> {
        self.answer.with(|a| match a {
            Some(Asked { answer: Ok(a), .. }) => marks(a),
            _ => Vec::new(),
        })
    }
}

/// The Reach store from context.
pub fn use_reach() -> Reach {
    expect_context::<Reach>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::Editor;
    use netwright_core::templates::smartinvoice;

    fn named(t: &Topology, name: &str) -> End {
        End::of(t, Endpoint::resolve(t, name).unwrap())
    }

    #[test]
    fn ends_round_trip_through_picker_values_and_follow_ids() {
        let t = smartinvoice();
        for name in [
            "internet",
            "smartinvoice-rds",
            "smartinvoice-rds-sg",
            "smartinvoice-private-1a",
        ] {
            let end = named(&t, name);
            assert_eq!(End::from_value(&end.value()), Some(end.clone()));
            assert_eq!(
                end.endpoint(&t).map(|e| e.name(&t).to_string()),
                Some(name.to_string())
            );
        }
        let mut t2 = t.clone();
        let rds = named(&t, "smartinvoice-rds");
        t2.workloads.retain(|w| w.name != "smartinvoice-rds");
        assert_eq!(rds.endpoint(&t2), None, "a deleted end is no end");
        assert_eq!(End::from_value("vpc:vpc"), None);
    }

    #[test]
    fn the_answer_follows_the_document_and_an_undo() {
        let owner = Owner::new();
        owner.set();
        let editor = Editor::new(smartinvoice());
        let r = Reach::new(editor);
        let (alb, rds) = editor
            .doc
            .with_untracked(|t| (named(t, "smartinvoice-alb"), named(t, "smartinvoice-rds")));
        r.from.set(Some(alb));
        r.to.set(Some(rds));
        r.port.set("5432".into());
        assert_eq!(
            r.answer.get_untracked(),
            None,
            "nothing is asked while hidden"
        );
        r.open.set(true);
        let asked = r.answer.get_untracked().unwrap();
        assert_eq!(
            asked.question,
            "tcp/5432 from smartinvoice-alb to smartinvoice-rds"
        );
        let a = asked.answer.unwrap();
        assert!(!a.reachable);
        let blocked = a.blocked_at.unwrap();
        assert_eq!(blocked.name, "smartinvoice-rds-sg");
        let fix = blocked.fix.unwrap();
        assert_eq!(
            fix.text,
            "add an inbound rule to smartinvoice-rds-sg: tcp/5432 from smartinvoice-alb-sg"
        );
        assert!(editor.apply(fix.edit.unwrap(), "Apply fix"));
        assert!(r.answer.get_untracked().unwrap().answer.unwrap().reachable);
        editor.undo();
        assert!(!r.answer.get_untracked().unwrap().answer.unwrap().reachable);
        r.port.set("99999".into());
        assert_eq!(r.answer.get_untracked(), None, "a bad port asks nothing");
    }

    #[test]
    fn picking_sets_from_then_to() {
        let owner = Owner::new();
        owner.set();
        let r = Reach::new(Editor::new(smartinvoice()));
        r.open.set(true);
        r.picking.set(Some(Side::From));
        assert!(r.is_picking());
        r.pick(End::Internet);
        assert_eq!(r.picking.get_untracked(), Some(Side::To));
        let sg = End::Entity(EntityRef::new(
            EntityKind::SecurityGroup,
            &Id::new("sg-alb"),
        ));
        r.pick(sg.clone());
        assert_eq!(
            (r.from.get_untracked(), r.to.get_untracked()),
            (Some(End::Internet), Some(sg))
        );
        assert!(!r.is_picking());
    }

    #[test]
    fn a_path_is_marked_once_per_entity_in_order_red_where_it_blocks() {
        let t = smartinvoice();
        let (from, to) = (
            Endpoint::Internet,
            Endpoint::resolve(&t, "smartinvoice-rds").unwrap(),
        );
        let a = reach::reach(&t, from, to, Traffic::Tcp, Some(5432)).unwrap();
        let m = marks(&a);
        let ids: Vec<&str> = m.iter().map(|(r, _, _)| r.id.0.as_str()).collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{ids:?}");
        let rds = m.iter().find(|(r, _, _)| r.id.0 == "sg-rds").unwrap();
        assert_eq!(rds.1, "reach-mark reach-blocked");
        assert!(m.iter().all(|(_, _, badge)| !badge.is_empty()));
    }

    #[test]
    fn open_ports_read_as_words() {
        let t = smartinvoice();
        let alb = Endpoint::resolve(&t, "smartinvoice-alb-sg").unwrap();
        let o = reach::open(&t, Endpoint::Internet, alb);
        assert_eq!(open_label(&o), "tcp 80, 443");
        assert_eq!(first_port(&o[0]), Some(80));
        let all = Open {
            traffic: Traffic::All,
            ports: "all".into(),
        };
        assert_eq!(
            (open_label(std::slice::from_ref(&all)), first_port(&all)),
            ("all traffic".into(), None)
        );
    }
}

//! Inspector forms for the design, VPCs, subnets and gateways.

use leptos::prelude::*;
use netwright_core::catalog;
use netwright_core::edit::{Edit, Entity};
use netwright_core::model::{ElasticIp, EntityRef, NatConnectivity, Tenancy};
use netwright_core::{cidr, Id};

use super::{vpc_options, Current};
use crate::editor::Editor;
use crate::panels::fields::{CheckField, SelectField, TextField};

/// The design's own fields: name and Region.
pub fn design_form(editor: Editor) -> impl IntoView {
    let r = EntityRef::design();
    let regions = Signal::derive(|| {
        catalog::REGIONS
            .iter()
            .map(|(r, _, name)| (r.to_string(), format!("{r} · {name}")))
            .collect()
    });
    let region = Signal::derive(move || editor.doc.with(|t| t.region.clone()));
    view! {
        <section class="form" aria-label="Design">
            <h3 class="form-title">"Design"</h3>
            <TextField r=r.clone() path="name" label="Design name"/>
            <SelectField r=r label="Region" path="region" options=regions value=region
                on_change=Callback::new(move |v: String| {
                    let name = editor.doc.with_untracked(|t| t.name.clone());
                    editor.apply(Edit::SetDesign { name, region: v }, "Change Region");
                })/>
        </section>
    }
}

/// A list of text items (secondary blocks) edited by index, with add and remove.
fn secondary_cidrs(editor: Editor, r: EntityRef, current: Current) -> impl IntoView {
    let len = Memo::new(move |_| {
        current.with(|e| match e {
            Some(Entity::Vpc(v)) => v.secondary_cidrs.len(),
            _ => 0,
        })
    });
    let r2 = r.clone();
    view! {
        <fieldset class="list">
            <legend>"Secondary IPv4 blocks"</legend>
            <For each=move || 0..len.get() key=|i| *i children=move |i| {
                let r = r.clone();
                let r3 = r.clone();
                view! {
                    <div class="list-row">
                        <TextField r=r path=format!("secondary_cidrs[{i}]") label=format!("Block {}", i + 2) mono=true/>
                        <button class="btn small" aria-label=format!("Remove block {}", i + 2) on:click=move |_| editor.modify(&r3, "Remove secondary block", |e| {
                            if let Entity::Vpc(v) = e { if i < v.secondary_cidrs.len() { v.secondary_cidrs.remove(i); } }
                        })>"Remove"</button>
                    </div>
                }
            }/>
            <button class="btn small" on:click=move |_| editor.modify(&r2, "Add secondary block", |e| {
                if let Entity::Vpc(v) = e { v.secondary_cidrs.push(String::new()); }
            })>"Add block"</button>
        </fieldset>
    }
}

/// A VPC.
pub fn vpc_form(editor: Editor, r: EntityRef, current: Current) -> impl IntoView {
    let get = move |f: fn(&netwright_core::model::Vpc) -> bool| {
        Signal::derive(move || current.with(|e| matches!(e, Some(Entity::Vpc(v)) if f(v))))
    };
    let set =
        move |r: EntityRef, label: &'static str, f: fn(&mut netwright_core::model::Vpc, bool)| {
            Callback::new(move |b: bool| {
                editor.modify(&r, label, |e| {
                    if let Entity::Vpc(v) = e {
                        f(v, b)
                    }
                })
            })
        };
    let tenancy = Signal::derive(move || {
        current.with(|e| match e {
            Some(Entity::Vpc(v)) => v.tenancy.as_aws().to_string(),
            _ => String::new(),
        })
    });
    let size = Memo::new(move |_| {
        current.with(|e| match e {
            Some(Entity::Vpc(v)) => cidr::parse(&v.cidr)
                .map(|c| {
                    format!(
                        "{} addresses",
                        cidr::grouped(cidr::size(c.net.prefix_len()))
                    )
                })
                .unwrap_or_default(),
            _ => String::new(),
        })
    });
    view! {
        <section class="form" aria-label="VPC fields">
            <TextField r=r.clone() path="name" label="Name"/>
            <TextField r=r.clone() path="cidr" label="IPv4 block" mono=true placeholder="10.0.0.0/16"/>
            <p class="derived">{move || size.get()}</p>
            {secondary_cidrs(editor, r.clone(), current)}
            <SelectField r=r.clone() label="Tenancy" path="tenancy"
                options=Signal::derive(|| vec![("default".into(), "Default (shared)".into()), ("dedicated".into(), "Dedicated".into())])
                value=tenancy
                on_change={ let r = r.clone(); Callback::new(move |v: String| editor.modify(&r, "Change tenancy", |e| {
                    if let Entity::Vpc(x) = e { x.tenancy = if v == "dedicated" { Tenancy::Dedicated } else { Tenancy::Default }; }
                })) }/>
            <CheckField label="DNS resolution (enableDnsSupport)" path="enable_dns_support"
                checked=get(|v| v.enable_dns_support) on_change=set(r.clone(), "Toggle DNS support", |v, b| v.enable_dns_support = b)/>
            <CheckField label="DNS hostnames (enableDnsHostnames)" path="enable_dns_hostnames"
                checked=get(|v| v.enable_dns_hostnames) on_change=set(r, "Toggle DNS hostnames", |v, b| v.enable_dns_hostnames = b)/>
        </section>
    }
}

/// A subnet: its VPC, AZ, block, public IP mapping and route table association.
pub fn subnet_form(editor: Editor, r: EntityRef, current: Current) -> impl IntoView {
    let field = move |f: fn(&netwright_core::model::Subnet) -> String| {
        Signal::derive(move || {
            current.with(|e| match e {
                Some(Entity::Subnet(s)) => f(s),
                _ => String::new(),
            })
        })
    };
    let azs = Signal::derive(move || {
        editor.doc.with(|t| {
            catalog::availability_zones(&t.region)
                .into_iter()
                .map(|z| (z.clone(), z))
                .collect()
        })
    });
    let rt_options = Signal::derive(move || {
        let vpc = current.with(|e| match e {
            Some(Entity::Subnet(s)) => Some(s.vpc.clone()),
            _ => None,
        });
        editor.doc.with(|t| {
            let mut out = vec![(String::new(), "(the VPC's main table)".to_string())];
            out.extend(
                t.route_tables
                    .iter()
                    .filter(|x| Some(&x.vpc) == vpc.as_ref())
                    .map(|x| (x.id.to_string(), x.name.clone())),
            );
            out
        })
    });
    let rt_value = {
        let id = r.id.clone();
        Signal::derive(move || {
            editor.doc.with(|t| {
                t.route_tables
                    .iter()
                    .find(|x| x.subnets.contains(&id))
                    .map(|x| x.id.to_string())
                    .unwrap_or_default()
            })
        })
    };
    let derived = Memo::new(move |_| {
        current.with(|e| match e {
            Some(Entity::Subnet(s)) => editor.doc.with_untracked(|t| {
                let usable = cidr::parse(&s.cidr)
                    .map(|c| {
                        format!(
                            "{} usable addresses",
                            cidr::grouped(cidr::usable_addresses(c.net.prefix_len()))
                        )
                    })
                    .unwrap_or_default();
                format!("Tier: {} · {usable}", t.tier(s).label())
            }),
            _ => String::new(),
        })
    });
    let public = Signal::derive(move || {
        current.with(|e| matches!(e, Some(Entity::Subnet(s)) if s.map_public_ip_on_launch))
    });
    let (r1, r2, r3, r4) = (r.clone(), r.clone(), r.clone(), r.clone());
    view! {
        <section class="form" aria-label="Subnet fields">
            <TextField r=r.clone() path="name" label="Name"/>
            <SelectField r=r.clone() label="VPC" path="vpc" options=vpc_options(editor) value=field(|s| s.vpc.to_string())
                on_change=Callback::new(move |v: String| editor.modify(&r1, "Move subnet to VPC", |e| if let Entity::Subnet(s) = e { s.vpc = Id::new(v) }))/>
            <SelectField r=r.clone() label="Availability Zone" path="availability_zone" options=azs value=field(|s| s.availability_zone.clone())
                on_change=Callback::new(move |v: String| editor.modify(&r2, "Change AZ", |e| if let Entity::Subnet(s) = e { s.availability_zone = v }))/>
            <TextField r=r.clone() path="cidr" label="IPv4 block" mono=true placeholder="10.0.1.0/24"/>
            <p class="derived">{move || derived.get()}</p>
            <CheckField label="Auto-assign public IPv4 (MapPublicIpOnLaunch)" path="map_public_ip_on_launch" checked=public
                on_change=Callback::new(move |b| editor.modify(&r3, "Toggle public IPs", |e| if let Entity::Subnet(s) = e { s.map_public_ip_on_launch = b }))/>
            <SelectField r=r.clone() label="Route table" path="route_table" options=rt_options value=rt_value
                on_change=Callback::new(move |v: String| associate(editor, &r4.id, &v))/>
        </section>
    }
}

/// Moves a subnet's explicit association to the table `rt` (empty: none, the main table).
pub(super) fn associate(editor: Editor, subnet: &Id, rt: &str) {
    let edits: Vec<Edit> = editor.doc.with_untracked(|t| {
        t.route_tables
            .iter()
            .filter_map(|x| {
                let has = x.subnets.contains(subnet);
                let wants = x.id.as_str() == rt;
                if has == wants {
                    return None;
                }
                let mut x = x.clone();
                if wants {
                    x.subnets.push(subnet.clone())
                } else {
                    x.subnets.retain(|s| s != subnet)
                }
                Some(Edit::Update(Entity::RouteTable(x)))
            })
            .collect()
    });
    if !edits.is_empty() {
        editor.apply(Edit::Batch(edits), "Change route table association");
    }
}

/// An internet gateway: name and attachment.
pub fn igw_form(editor: Editor, r: EntityRef, current: Current) -> impl IntoView {
    let options = Signal::derive(move || {
        let mut o = vec![(String::new(), "(detached)".to_string())];
        o.extend(vpc_options(editor).get());
        o
    });
    let value = Signal::derive(move || {
        current.with(|e| match e {
            Some(Entity::InternetGateway(g)) => {
                g.vpc.as_ref().map(Id::to_string).unwrap_or_default()
            }
            _ => String::new(),
        })
    });
    let r1 = r.clone();
    view! {
        <section class="form" aria-label="Internet gateway fields">
            <TextField r=r.clone() path="name" label="Name"/>
            <SelectField r=r label="Attached to VPC" path="vpc" options=options value=value
                on_change=Callback::new(move |v: String| editor.modify(&r1, "Attach internet gateway", |e| {
                    if let Entity::InternetGateway(g) = e { g.vpc = (!v.is_empty()).then(|| Id::new(v)) }
                }))/>
        </section>
    }
}

/// A NAT gateway: subnet, connectivity and Elastic IP.
pub fn nat_form(editor: Editor, r: EntityRef, current: Current) -> impl IntoView {
    let subnets = Signal::derive(move || {
        editor.doc.with(|t| {
            t.subnets
                .iter()
                .map(|s| {
                    (
                        s.id.to_string(),
                        format!("{} ({}, {})", s.name, s.cidr, t.tier(s).label()),
                    )
                })
                .collect()
        })
    });
    let subnet = Signal::derive(move || {
        current.with(|e| match e {
            Some(Entity::NatGateway(n)) => n.subnet.to_string(),
            _ => String::new(),
        })
    });
    let connectivity = Signal::derive(move || {
        current.with(|e| match e {
            Some(Entity::NatGateway(n)) => n.connectivity.as_aws().to_string(),
            _ => String::new(),
        })
    });
    let has_eip = Memo::new(move |_| {
        current.with(|e| matches!(e, Some(Entity::NatGateway(n)) if n.elastic_ip.is_some()))
    });
    let (r1, r2, r3) = (r.clone(), r.clone(), r.clone());
    view! {
        <section class="form" aria-label="NAT gateway fields">
            <TextField r=r.clone() path="name" label="Name"/>
            <SelectField r=r.clone() label="Subnet" path="subnet" options=subnets value=subnet
                on_change=Callback::new(move |v: String| editor.modify(&r1, "Move NAT gateway", |e| if let Entity::NatGateway(n) = e { n.subnet = Id::new(v) }))/>
            <SelectField r=r.clone() label="Connectivity" path="connectivity"
                options=Signal::derive(|| vec![("public".into(), "Public (internet, needs an Elastic IP)".into()), ("private".into(), "Private (other networks only)".into())])
                value=connectivity
                on_change=Callback::new(move |v: String| editor.modify(&r2, "Change NAT connectivity", |e| if let Entity::NatGateway(n) = e {
                    if v == "private" { n.connectivity = NatConnectivity::Private; n.elastic_ip = None; }
                    else {
                        n.connectivity = NatConnectivity::Public;
                        if n.elastic_ip.is_none() { n.elastic_ip = Some(ElasticIp { name: format!("{}-eip", n.name) }); }
                    }
                }))/>
            {move || if has_eip.get() {
                view! { <TextField r=r3.clone() path="elastic_ip" label="Elastic IP name"/> }.into_any()
            } else {
                view! {
                    <div class="field">
                        <button class="btn small" on:click={ let r = r3.clone(); move |_| editor.modify(&r, "Add Elastic IP", |e| if let Entity::NatGateway(n) = e {
                            n.elastic_ip = Some(ElasticIp { name: format!("{}-eip", n.name) });
                        }) }>"Add an Elastic IP"</button>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

//! A country chapter: its corridors, then the study's sections in their
//! order (forms of entry and magnitude, routes, organisation, fees,
//! profile, recommendations), each footnoted.

use super::*;

/// Builds the chapter of `code`.
pub fn chapter(
    ctx: &Ctx<'_>,
    code: &str,
    charts: &mut Charts<'_>,
) -> Result<ChapterView, ReportError> {
    let model = ctx.model;
    let mut notes = Notes::new(ctx);
    let file = ctx.country_file(code);
    let name = ctx.country_name(code);
    let empty: Vec<usize> = Vec::new();
    let mine: &[usize] = ctx.by_country.get(code).unwrap_or(&empty);
    let my_sources: &[usize] = ctx.sources_by_country.get(code).unwrap_or(&empty);
    let f = |i: usize| -> &Finding { &model.findings[i] };
    let evidence_of = |d: Dimension| {
        mine.iter()
            .copied()
            .filter(move |&i| f(i).dimension == d && f(i).finding.is_evidence())
    };

    let context = file.map(|c| notes.paras(&c.context)).unwrap_or_default();
    let legislation = file
        .map(|c| notes.paras(&c.legislation))
        .unwrap_or_default();
    let method = file.map(|c| notes.paras(&c.method)).unwrap_or_default();

    // The vector approach: which types this country's sources speak for.
    let mut types = Vec::with_capacity(N_TYPES);
    let (mut observed, mut counter_only) = (Vec::new(), Vec::new());
    for t in SourceType::ALL {
        let sources = my_sources
            .iter()
            .filter(|&&s| model.sources[s].kind == *t)
            .count();
        let (mut ev, mut seen, mut unavailable, mut withheld) = (0, 0, 0, 0);
        for &i in mine.iter().filter(|&&i| f(i).kind == *t) {
            match f(i).finding {
                FindingKind::Observed => {
                    ev += 1;
                    seen += 1;
                }
                FindingKind::NotObserved => ev += 1,
                FindingKind::Unavailable => unavailable += 1,
                FindingKind::Withheld => withheld += 1,
            }
        }
        let (status, status_label) = if ev > 0 {
            ("used", "used")
        } else if withheld > 0 {
            ("withheld", "gap: withheld")
        } else if unavailable > 0 {
            ("unavailable", "gap: unavailable")
        } else {
            ("none", "gap: no source")
        };
        // The study's "indicators that produced observations" are the
        // kinds with an observed finding; a kind whose sources only
        // looked and saw nothing is used, but produced none.
        if seen > 0 {
            observed.push(t.label().to_string());
        } else if ev > 0 {
            counter_only.push(t.label().to_string());
        }
        types.push(TypeUse {
            key: t.key(),
            label: t.label(),
            group: ctx.params.groups.name_of(*t).to_string(),
            status,
            status_label,
            sources,
            evidence: ev,
            gaps: unavailable + withheld,
        });
    }
    let used = types
        .iter()
        .filter(|t| t.status == "used")
        .map(|t| t.label.to_string())
        .collect();
    let gap_labels: Vec<String> = types
        .iter()
        .filter(|t| t.status != "used")
        .map(|t| t.label.to_string())
        .collect();
    let mine_corridors: Vec<(usize, &'static str)> = ctx
        .order
        .iter()
        .filter_map(|&c| ctx.role(&model.corridors[c], code).map(|r| (c, r)))
        .collect();
    let mut cards = Vec::with_capacity(mine_corridors.len());
    for (k, &(c, role)) in mine_corridors.iter().enumerate() {
        let cor = &model.corridors[c];
        let (types_n, groups_n, conf) = ctx.tri[c];
        // The audit's interval and single-source flag, when it ran.
        let doubt = ctx.opts.doubts.get(&cor.id);
        let interval: Option<RankInterval> = doubt.map(|d| RankInterval {
            low: d.low,
            high: d.high,
        });
        cards.push(CorridorCard {
            id: cor.id.clone(),
            label: cor.label.clone(),
            role,
            rank: ctx.ranks[c],
            interval,
            rests_on_one_source: doubt.map(|d| d.rests_on_one_source),
            rank_words: format!(
                "{} of {}",
                crate::summary::rank_text(ctx.ranks[c], interval),
                ctx.scores.len()
            ),
            strength_words: crate::summary::strength_words(ctx, ctx.evidence, c, conf),
            full: k < FULL_CARDS && groups_n > 0,
            of: ctx.scores.len(),
            score: score(ctx.scores[c]),
            confidence: conf.key(),
            types: types_n,
            groups: groups_n,
            values: SourceType::ALL
                .iter()
                .map(|t| TypeValue {
                    key: t.key(),
                    label: t.label(),
                    value: score(ctx.evidence.vector[(c, t.index())]),
                })
                .collect(),
            chart: vector_chart(ctx, charts, c)?,
            conflicts: ctx
                .evidence
                .conflicts(c, ctx.params.theta)
                .iter()
                .map(conflict_plain)
                .collect(),
            contested: ctx.evidence.contested(c, ctx.params.theta),
            beside: ctx.others.iter().map(|o| beside(o, c)).collect(),
            movements: model
                .movements
                .iter()
                .filter(|m| m.corridors.contains(&c))
                .map(|m| m.label.clone())
                .collect(),
        });
    }
    let sentence = observations_sentence(&name, &observed, &counter_only, &gap_labels);
    let vector = VectorSection {
        sentence,
        method,
        types,
        used,
        observed,
        counter_only,
        gaps: gap_labels,
        corridors: cards,
    };

    // 1. Forms of entry and magnitude: the figures by topic in the
    // study's order, each as reported with its period (never converted
    // or added up: units, periods and sources differ). Notes are numbered
    // only once the rows are in the order they are read.
    let mut by_topic: Vec<Vec<usize>> = vec![Vec::new(); crate::topics::TOPICS.len()];
    for i in mine.iter().copied().filter(|&i| f(i).finding.is_evidence()) {
        if let Some(q) = &f(i).quantity {
            by_topic[crate::topics::topic(f(i), q)].push(i);
        }
    }
    let mut topics = Vec::new();
    for (k, found) in by_topic.iter().enumerate() {
        if found.is_empty() {
            continue;
        }
        let rows = found
            .iter()
            .map(|&i| {
                let fi = f(i);
                let q = fi.quantity.as_ref().expect("grouped by its quantity");
                FigureRow {
                    statement: notes.statement(i),
                    figure: crate::topics::figure(
                        &reported(q.value, q.min, q.max),
                        q,
                        model.unit(&q.unit),
                    ),
                    period: crate::fmt::period(&fi.period),
                    location: q
                        .location
                        .as_deref()
                        .map(|l| ctx.place(l))
                        .unwrap_or_default(),
                    evidence_of: crate::topics::evidence_of(fi.phenomenon),
                }
            })
            .collect();
        let (id, title) = crate::topics::TOPICS[k];
        topics.push(MagnitudeTopic { id, title, rows });
    }
    let statements = evidence_of(Dimension::Magnitude)
        .filter(|&i| f(i).quantity.is_none())
        .map(|i| notes.statement(i))
        .collect();
    let place = |c: &str| ctx.place(c);
    let avr = tables::avr_status(mine.iter().map(|&i| (i, f(i))), &place, &mut |i| {
        notes.finding(i)
    });
    let magnitude = MagnitudeSection {
        topics,
        statements,
        avr,
    };

    // 2. Smuggling routes.
    let mut routes = Vec::new();
    let mut map_routes = Vec::new();
    for i in mine.iter().copied().filter(|&i| f(i).finding.is_evidence()) {
        let fi = f(i);
        let Some(legs) = &fi.route else { continue };
        let statement = notes.statement(i);
        let legs: Vec<LegView> = legs
            .iter()
            .map(|l| {
                let country = model.place_country(&l.to);
                LegView {
                    place: ctx.place(&l.to),
                    country: if country == l.to {
                        String::new()
                    } else {
                        ctx.country_name(country)
                    },
                    mode: l.mode.map(mode_word).unwrap_or(""),
                }
            })
            .collect();
        let path = legs
            .iter()
            .map(|l| {
                if l.mode.is_empty() {
                    l.place.clone()
                } else {
                    format!("({}) {}", l.mode, l.place)
                }
            })
            .collect::<Vec<_>>()
            .join(" → ");
        let n = routes.len() + 1;
        let names: Vec<String> = legs.iter().map(|l| l.place.clone()).collect();
        let on_map = crate::map::route(model, n, fi.route.as_deref().unwrap_or_default(), &names);
        let file = format!("charts/{code}-route-{n}.svg");
        let alt = format!("Route {n} of {name}: {path}");
        let stops: Vec<StopInput> = legs
            .iter()
            .map(|l| StopInput {
                name: l.place.clone(),
                sub: l.country.clone(),
                mode: l.mode,
            })
            .collect();
        // A route drawn whole on the map needs no diagram.
        let chart = if on_map.needs_diagram() {
            Some(
                charts.get_or_render(file, alt.clone(), "route.svg.tera", || {
                    charts::route_diagram(alt, &stops)
                })?,
            )
        } else {
            None
        };
        // Titled by every stop.
        let title = names.join(" → ");
        routes.push(RouteView {
            title,
            source: ctx.source_label(model.source_of(fi)),
            statement,
            legs,
            path,
            chart,
            off_map: on_map.off_map(),
        });
        map_routes.push(on_map);
    }
    let route_statements = evidence_of(Dimension::Routes)
        .filter(|&i| f(i).route.is_none())
        .map(|i| notes.statement(i))
        .collect();
    let routes = RoutesSection {
        map: crate::map::chapter_map(code, &name, &map_routes, charts)?,
        routes,
        statements: route_statements,
    };

    // 3. Organisation: tags in taxonomy order, with the sources behind each.
    let mut tag_findings: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for i in mine.iter().copied().filter(|&i| f(i).finding.is_evidence()) {
        for t in &f(i).tags {
            tag_findings.entry(t.as_str()).or_default().push(i);
        }
    }
    let mut tag_order: Vec<(String, String, String)> = model
        .tags
        .iter()
        .map(|t| (t.id.clone(), t.label.clone(), t.description.clone()))
        .collect();
    for id in tag_findings.keys() {
        if !model.tags.iter().any(|t| t.id == *id) {
            tag_order.push((id.to_string(), id.to_string(), String::new()));
        }
    }
    let mut tags = Vec::new();
    for (id, label, description) in tag_order {
        let Some(found) = tag_findings.get(id.as_str()) else {
            continue;
        };
        // Grouped by source first, then numbered in the order the row
        // lists them, so that new notes read in order.
        let mut by_source: Vec<(usize, Vec<usize>)> = Vec::new();
        for &i in found {
            match by_source.iter_mut().find(|(s, _)| *s == f(i).source) {
                Some((_, v)) => v.push(i),
                None => by_source.push((f(i).source, vec![i])),
            }
        }
        for (_, v) in &mut by_source {
            for x in v.iter_mut() {
                *x = notes.finding(*x);
            }
        }
        tags.push(TagView {
            id,
            label: label.clone(),
            description: description.clone(),
            sources: by_source
                .into_iter()
                .map(|(s, mut v)| {
                    v.sort_unstable();
                    v.dedup();
                    TagSource {
                        source: ctx.source_label(&model.sources[s]),
                        notes: v,
                    }
                })
                .collect(),
            findings: found.len(),
        });
    }
    let organization = OrganizationSection {
        tags,
        statements: evidence_of(Dimension::Organization)
            .map(|i| notes.statement(i))
            .collect(),
    };

    // 4. Fees, in US dollars.
    let mut fee_rows = Vec::new();
    let mut used_rates: BTreeSet<usize> = BTreeSet::new();
    for i in mine.iter().copied().filter(|&i| f(i).finding.is_evidence()) {
        let fi = f(i);
        let Some(fee) = &fi.fee else { continue };
        let statement = notes.statement(i);
        if fee.currency != "USD"
            && let Some((r, _)) = tables::rate_for(&fee.currency, &fi.period, &model.rates)
        {
            used_rates.insert(r);
        }
        fee_rows.push(FeeRow {
            statement,
            evidence_of: match fi.phenomenon {
                Some(Phenomenon::Smuggling) => "smuggling fee",
                Some(Phenomenon::Trafficking) => "trafficking",
                Some(Phenomenon::IrregularMigration) => "irregular migration, no facilitator",
                _ => "lawful cost",
            },
            covers: covers_words(fee.covers),
            origin: fi
                .profile
                .as_ref()
                .and_then(|p| p.origin.as_deref())
                .map(|o| ctx.country_name(o))
                .unwrap_or_default(),
            reported: format!("{} {}", reported(fee.value, fee.min, fee.max), fee.currency),
            usd: tables::fee_usd(fee, &fi.period, &model.rates)
                .map(|(lo, hi)| crate::fmt::range(lo, hi))
                .unwrap_or_else(|| "no rate".into()),
            respondents: fee.respondents.map(|n| n.to_string()).unwrap_or_default(),
        });
    }
    let rates = used_rates
        .iter()
        .map(|&r| &model.rates[r])
        .map(|r| RateView {
            currency: r.currency.clone(),
            per_usd: num(r.per_usd),
            date: r.date.clone(),
            citation: r.citation.clone(),
        })
        .collect();
    let country = |c: &str| ctx.country_name(c);
    let brackets = tables::fee_brackets(mine.iter().map(|&i| (i, f(i))), &country, &mut |i| {
        notes.finding(i)
    });
    let fees = FeesSection {
        rows: fee_rows,
        rates,
        brackets,
        statements: evidence_of(Dimension::Fees)
            .filter(|&i| f(i).fee.is_none())
            .map(|i| notes.statement(i))
            .collect(),
    };

    // 5. Profile of migrants: one paragraph per facet in the study's
    // order (sex, age, education, income, motive), each opened by what
    // the structured fields say together.
    let mut by_facet: Vec<Vec<usize>> = vec![Vec::new(); crate::topics::FACETS.len()];
    for i in evidence_of(Dimension::Profile) {
        by_facet[crate::topics::facet(&f(i).text, f(i).profile.as_ref())].push(i);
    }
    let facets = by_facet
        .iter()
        .enumerate()
        .filter(|(_, found)| !found.is_empty())
        .map(|(k, found)| {
            let profiles: Vec<_> = found.iter().map(|&i| f(i).profile.as_ref()).collect();
            ProfileFacet {
                title: crate::topics::FACETS[k],
                lead: crate::topics::lead(k, &profiles),
                statements: found.iter().map(|&i| notes.statement(i)).collect(),
            }
        })
        .collect();
    let profile = ProfileSection { facets };

    // 6. National recommendations.
    let recommendations = file
        .map(|c| notes.paras(&c.recommendations))
        .unwrap_or_default();

    // Data gaps: unavailable versus withheld, per type.
    let mut type_gaps = Vec::new();
    for t in SourceType::ALL {
        // Numbered as printed: the unavailable, then the withheld.
        let of_kind = |k: FindingKind| {
            mine.iter()
                .copied()
                .filter(move |&i| f(i).kind == *t && f(i).finding == k)
        };
        let unavailable: Vec<Statement> = of_kind(FindingKind::Unavailable)
            .map(|i| notes.statement(i))
            .collect();
        let withheld: Vec<Statement> = of_kind(FindingKind::Withheld)
            .map(|i| notes.statement(i))
            .collect();
        if !unavailable.is_empty() || !withheld.is_empty() {
            type_gaps.push(TypeGap {
                key: t.key(),
                label: t.label(),
                unavailable,
                withheld,
            });
        }
    }
    let silent = vector
        .types
        .iter()
        .filter(|t| t.status == "none")
        .map(|t| t.label.to_string())
        .collect();
    let labels = |ts: &[SourceType]| ts.iter().map(|t| t.label()).collect::<Vec<_>>().join(", ");
    let corridor_gaps = mine_corridors
        .iter()
        .map(|&(c, _)| {
            let g = ctx.evidence.gaps(c);
            CorridorGap {
                id: model.corridors[c].id.clone(),
                label: model.corridors[c].label.clone(),
                unavailable: labels(&g.unavailable),
                withheld: labels(&g.withheld),
                none: g.none.len(),
            }
        })
        .collect();
    let gaps = GapsSection {
        types: type_gaps,
        silent,
        corridors: corridor_gaps,
    };

    let corridor_ids: Vec<usize> = mine_corridors.iter().map(|&(c, _)| c).collect();
    let moves: Vec<usize> = ctx
        .movements
        .order
        .iter()
        .copied()
        .filter(|&m| {
            model.movements[m]
                .corridors
                .iter()
                .any(|c| corridor_ids.contains(c))
        })
        .collect();
    let labels_of = |keep: &dyn Fn(&TypeGap) -> bool| -> Vec<String> {
        gaps.types
            .iter()
            .filter(|g| keep(g))
            .map(|g| g.label.to_string())
            .collect()
    };
    let withheld = labels_of(&|g| !g.withheld.is_empty());
    let unavailable = labels_of(&|g| !g.unavailable.is_empty());
    let never_strong = never_strong(ctx, &corridor_ids);
    let summary = crate::summary::summary(
        ctx,
        &crate::summary::Scope {
            place: &name,
            relation: &format!("from, through or into {name}"),
            corridors: &corridor_ids,
            movements: &moves,
            silent: &gaps.silent,
            withheld: &withheld,
            unavailable: &unavailable,
            never_strong: &never_strong,
            counts: magnitude.topics.len(),
        },
    );
    let dots = dot_chart(
        ctx,
        charts,
        &corridor_ids,
        &format!("charts/{code}-dots.svg"),
        &name,
    )?;
    Ok(ChapterView {
        summary,
        dots,
        page: ctx.page(
            format!("{name} — smuggling of migrants, country chapter"),
            code,
        ),
        country: CountryView {
            corridors_anchor: github_anchor(&format!("Corridors from, through and into {name}")),
            code: code.to_string(),
            name,
            has_file: file.is_some(),
            sources: my_sources.len(),
            findings: mine.len(),
        },
        context,
        legislation,
        vector,
        magnitude,
        routes,
        organization,
        fees,
        profile,
        recommendations,
        gaps,
        footnotes: notes.list,
        sources: notes.sources.list,
    })
}

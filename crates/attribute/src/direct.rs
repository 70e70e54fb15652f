//! The direct pass of the rule attributor: quoted passages with their cue
//! and source (a trailer after the quote, a lead-in before it), as methods
//! of the rule context [`Ctx`].

use crate::*;

impl<'a> Ctx<'a> {
    pub(crate) fn direct_pass(&self, used_cue: &mut [bool]) -> Vec<Draft> {
        let mut out: Vec<Draft> = Vec::new();
        let mut consumed = vec![false; self.quotes.len()];
        let mut max_end_seen = 0;
        for qi in 0..self.quotes.len() {
            if consumed[qi] {
                continue;
            }
            let mut mid_sentence = false;
            if !self.standalone(qi) {
                // a short quote ending in , ? ! inside its marks and followed
                // by a trailer is speech too ("“Denver,” he said.")
                let q = self.quotes[qi];
                let inner = q.inner.slice(self.text).trim_end();
                let close_tok = self.tok_at(quote_outer(&q).end);
                let para = self
                    .toks
                    .get(close_tok.saturating_sub(1))
                    .and_then(|t| self.sent_para.get(t.sentence()).copied())
                    .unwrap_or(0);
                let pend = self
                    .paras
                    .get(para)
                    .map(|p| p.end)
                    .unwrap_or(self.text.len());
                let speechy = q.close.is_some()
                    && inner.ends_with([',', '?', '!'])
                    && self
                        .trailer(qi, close_tok, para)
                        .is_some_and(|(c, src, _)| {
                            let after = src.map(|r| r.1).unwrap_or(0).max(c.1);
                            c.0 < c.1
                                && src.is_some()
                                && !is_dash(self.tok(c.0))
                                && self.clause_end(after, pend) - after <= 6
                        });
                if !speechy {
                    continue;
                }
                mid_sentence = true;
            }
            // skip quotes nested in an earlier direct quote (none can hold
            // it when every earlier content ends before it: no scan)
            let outer = quote_outer(&self.quotes[qi]);
            let max_end = out
                .last()
                .map(|d| d.content.iter().map(|c| c.end).max().unwrap_or(0))
                .unwrap_or(0);
            max_end_seen = max_end_seen.max(max_end);
            if max_end_seen >= outer.end
                && out
                    .iter()
                    .any(|d| d.direct && d.content.iter().any(|c| c.contains(outer) && *c != outer))
            {
                continue;
            }
            consumed[qi] = true;
            let q = self.quotes[qi];
            let first_tok = self.tok_at(q.open.start);
            // a speech quote inside a sentence: the content is the whole clause (mixed)
            let outer = if mid_sentence {
                let s0 = self
                    .toks
                    .get(first_tok)
                    .map(|t| self.sent_tok[t.sentence()])
                    .unwrap_or(first_tok);
                let mut a = first_tok;
                while a > s0
                    && !matches!(self.tok(a - 1), ":" | ";")
                    && !is_quote_mark(self.tok(a - 1))
                {
                    a -= 1;
                }
                let a_start = self
                    .toks
                    .get(a)
                    .map(|t| t.span().start)
                    .unwrap_or(outer.start);
                Span::new(a_start.min(outer.start), outer.end)
            } else {
                outer
            };
            let close_tok = self.tok_at(outer.end); // first token after the quote
            let sent = self.toks.get(first_tok).map(|t| t.sentence()).unwrap_or(0);
            let para = self.sent_para.get(sent).copied().unwrap_or(0);
            let close_sent = self
                .toks
                .get(close_tok.saturating_sub(1))
                .map(|t| t.sentence())
                .unwrap_or(sent);
            let close_para = self.sent_para.get(close_sent).copied().unwrap_or(para);
            let mut d = Draft {
                content: vec![outer],
                cue: vec![],
                source: vec![],
                para: close_para,
                direct: true,
                sentence: None,
                orphan: None,
                nested: false,
                unclosed: false,
            };

            // 1. trailer after the closing mark
            let mut found = false;
            if q.close.is_some()
                && let Some((cue, src, next)) = self.trailer(qi, close_tok, close_para)
            {
                found = true;
                if let Some(u) = used_cue.get_mut(cue.0..cue.1) {
                    u.fill(true);
                }
                if cue.0 < cue.1 {
                    d.cue.push(self.span(cue));
                    d.sentence = Some(self.toks[cue.0].sentence());
                }
                if let Some(s) = src {
                    d.source.push(self.span(s));
                }
                // interrupted quote: "…," said X, "…"
                if let Some(nq) = next
                    && let Some(nqi) = self
                        .quotes
                        .iter()
                        .position(|x| x.open.start == self.toks[nq].span().start)
                    && !consumed[nqi]
                {
                    consumed[nqi] = true;
                    d.content.push(quote_outer(&self.quotes[nqi]));
                }
            }
            // 2. lead-in before the opening mark
            if !found && let Some((cue, src)) = self.lead_in(first_tok, sent) {
                found = true;
                if let Some(u) = used_cue.get_mut(cue.0..cue.1) {
                    u.fill(true);
                }
                if cue.0 < cue.1 {
                    d.cue.push(self.span(cue));
                    d.sentence = Some(sent);
                }
                if let Some(s) = src {
                    d.source.push(self.span(s));
                }
            }
            // 3. continuation of the previous speaker's turn in the same paragraph
            if !found
                && let Some(prev) = out.last_mut()
                && prev.direct
                && prev.para == para
                && !prev.source.is_empty()
            {
                prev.content.push(outer);
                continue;
            }
            // an unclosed quote (its paragraph ends it) with no cue of its own
            // gives way to a reported-speech cue found inside it
            d.unclosed = !found && q.close.is_none();
            // 4. no cue: resolved after both passes (see `adopt_orphans`)
            if !found {
                let own_start = self
                    .sents
                    .get(sent)
                    .map(|s| s.start == q.open.start)
                    .unwrap_or(false);
                if own_start {
                    d.orphan = Some((sent, para));
                }
            }
            out.push(d);
        }
        out
    }

    /// Parse an attribution right after a closing quotation mark at token `i`:
    /// `, X said` / `, said X` / `X said` / `—X`. Returns cue, source, and the
    /// token of a following opening mark when the quote resumes.
    #[allow(clippy::type_complexity)]
    pub(crate) fn trailer(
        &self,
        qi: usize,
        i: usize,
        para: usize,
    ) -> Option<(Range, Option<Range>, Option<usize>)> {
        let pend = self
            .paras
            .get(para)
            .map(|p| p.end)
            .unwrap_or(self.text.len());
        let mut j = i;
        if j >= self.toks.len() {
            return None;
        }
        if self.toks[j].span().start >= pend {
            // a dash line after the quote's paragraph: "— Sanders."
            let np = self.paras.get(para + 1)?;
            if !is_dash(self.tok(j)) {
                return None;
            }
            let hi = self.clause_end(j + 1, np.end);
            let src = self.np_right(j + 1, hi)?;
            let rest = self.tok_at(np.end).saturating_sub(src.1);
            if !capitalized(self.tok(src.0)) || rest > 12 {
                return None;
            }
            return Some(((j, j + 1), Some(src), None));
        }
        if self.tok(j) == "," {
            j += 1;
        }
        // em-dash trailer: "…" —Commissioner X
        if is_dash(self.tok(j)) {
            let hi = self.clause_end(j + 1, pend);
            let src = self.np_right(j + 1, hi)?;
            if !capitalized(self.tok(src.0)) {
                return None;
            }
            return Some(((j, j + 1), Some(src), None));
        }
        let hi = self.clause_end(j, pend);
        if hi <= j {
            return None;
        }
        // the window the cue may lie in: this sentence, up to the next quotation mark
        let sent_end = self.sent_range(self.toks[j].sentence()).1;
        let mut w_end = j;
        while w_end < sent_end
            && w_end - j < lexicon::MAX_TRAILER_TOKENS * 2
            && self.toks[w_end].span().start < pend
            && !is_quote_mark(self.tok(w_end))
            && !matches!(self.tok(w_end), ";" | "?" | "!" | ":")
        {
            w_end += 1;
        }
        let skip_mods = |from: usize| {
            let mut k = from;
            while k < w_end && MODIFIER_SET.contains(&self.lw[k].as_str()) {
                k += 1;
            }
            k
        };
        let cue = (j..w_end).find_map(|k| self.cue_at(k));
        let period_end = self.quotes[qi]
            .inner
            .slice(self.text)
            .trim_end()
            .ends_with(['.', '…']);
        if let Some((_, c1)) = cue
            && period_end
        {
            // after a finished quoted sentence, "X said that …" is a new attribution
            let ce = self.clause_end(c1, pend);
            if ce - c1 > 8 || (c1..ce).any(|k| self.lw[k] == "that") {
                return None;
            }
        }
        let (cue, src) = match cue {
            Some((c0, c1)) if skip_mods(j) >= c0 => {
                // "…," said X
                let src = self.np_right(c1, self.clause_end(c1, pend));
                ((c0, c1), src)
            }
            Some((c0, c1)) => {
                // "…," X said / "…," X, a spokesman, said
                let left = self.np_left(c0, j).filter(|r| skip_mods(j) >= r.0);
                let src = left.or_else(|| {
                    let r = self.np_right(j, hi)?;
                    (self.tok(r.1) == "," && self.tok(c0 - 1) == ",").then_some(r)
                })?;
                ((c0, c1), Some(src))
            }
            None => {
                // an unlisted verb after a quote ending in , ? ! ("…," Smith quipped)
                let inner = self.quotes[qi].inner.slice(self.text).trim_end();
                if !inner.ends_with([',', '?', '!', '—', '–']) {
                    return None;
                }
                if let Some(k) =
                    (j + 1..hi.min(j + lexicon::MAX_SOURCE_TOKENS)).find(|&k| self.is_verbish(k))
                    && let Some(r) = self.np_left(k, j)
                    && r.0 == j
                    && (capitalized(self.tok(j))
                        || matches!(self.lw[j].as_str(), "a" | "an" | "the" | "it" | "one"))
                {
                    ((k, k + 1), Some(r))
                } else if self.is_verbish(j)
                    && let Some(r) = self.np_right(j + 1, hi)
                    && capitalized(self.tok(r.0))
                {
                    ((j, j + 1), Some(r))
                } else if matches!(self.lw[j].as_str(), "he" | "she" | "they" | "i" | "we")
                    && self.is_verbish(j + 1)
                {
                    ((j + 1, j + 2), Some((j, j + 1)))
                } else {
                    return None;
                }
            }
        };
        let ce = self.clause_end(cue.1.max(src.map(|r| r.1).unwrap_or(0)), pend);
        let next = if ce < self.toks.len()
            && self.tok(ce) == ","
            && ce + 1 < self.toks.len()
            && is_quote_mark(self.tok(ce + 1))
            && self.toks[ce + 1].span().start < pend
        {
            Some(ce + 1)
        } else {
            None
        };
        Some((cue, src, next))
    }

    /// A lower-case word that looks like a past or present-tense verb.
    pub(crate) fn is_verbish(&self, k: usize) -> bool {
        let Some(w) = self.lw.get(k) else {
            return false;
        };
        let raw = self.tok(k);
        is_word(raw)
            && !capitalized(raw)
            && !NP_STOP_SET.contains(&w.as_str())
            && (w.ends_with("ed")
                || w.ends_with('s')
                || cue_class(w).is_some()
                || lexicon::TRAILER_VERBS.contains(&w.as_str()))
            && w.len() > 3
    }

    /// End (exclusive token) of the clause starting at `j`: the next
    /// punctuation that ends it (`.`, `,`, `;`, `:`, `?`, `!`, quote mark) or paragraph end.
    pub(crate) fn clause_end(&self, j: usize, pend: usize) -> usize {
        let mut k = j;
        while k < self.toks.len() && self.toks[k].span().start < pend {
            let t = self.tok(k);
            if matches!(t, "," | ";" | ":" | "?" | "!") || is_quote_mark(t) || is_dash(t) && k > j {
                break;
            }
            if t == "(" {
                // a short parenthetical ("(R-Ohio)") stays inside the clause
                match (k + 1..(k + 7).min(self.toks.len())).find(|&m| self.tok(m) == ")") {
                    Some(m) => {
                        k = m + 1;
                        continue;
                    }
                    None => break,
                }
            }
            if t == ")" {
                break;
            }
            if t == "." {
                let abbrev = k > j
                    && (lexicon::TITLE_ABBREVIATIONS.contains(&self.lw[k - 1].as_str())
                        || (self.tok(k - 1).chars().count() == 1 && capitalized(self.tok(k - 1))))
                    && k + 1 < self.toks.len()
                    && self.toks[k + 1].sentence() == self.toks[k].sentence();
                if !abbrev {
                    break;
                }
            }
            k += 1;
        }
        k
    }

    /// A cue starting at token `k`, as a token range (one or two words).
    pub(crate) fn cue_at(&self, k: usize) -> Option<Range> {
        let w = self.lw.get(k)?.as_str();
        if self.quote_of(k).is_some() {
            return None;
        }
        if let Some(n) = self.lw.get(k + 1)
            && lexicon::CUE_PAIRS.iter().any(|(a, b)| *a == w && b == n)
        {
            return Some((k, k + 2));
        }
        if w == "according" && self.lw.get(k + 1).is_some_and(|n| n == "to") {
            return Some((k, k + 2));
        }
        match cue_class(w)? {
            CueClass::Say | CueClass::Tell => Some((k, k + 1)),
            _ => None,
        }
    }

    /// Parse an attribution before an opening mark at token `first`:
    /// `X said: "…"`, `X said, "…"`, `From X: "…"`, `According to X, "…"`,
    /// `X: "…"`.
    pub(crate) fn lead_in(&self, first: usize, sent: usize) -> Option<(Range, Option<Range>)> {
        if first == 0 {
            return None;
        }
        let (s0, _) = self.sent_range(sent);
        let lo = if s0 < first {
            s0
        } else {
            self.sent_range(sent.saturating_sub(1)).0
        };
        let punct = self.tok(first - 1);
        let end = if matches!(punct, ":" | ",") {
            first - 1
        } else if cue_class(&self.lw[first - 1]).is_some() {
            first
        } else {
            return None;
        };
        let punct = if end == first { "," } else { punct };
        // the clause start: after the last quote / boundary before `end`
        let mut start = end;
        while start > lo {
            let t = self.tok(start - 1);
            if is_quote_mark(t)
                || matches!(t, ";" | "?" | "!")
                || (t == "." && !self.is_abbrev_dot(start - 1))
            {
                break;
            }
            start -= 1;
        }
        if start >= end {
            return None;
        }
        // a participle or an unlisted verb right before the comma: "…, saying, "…"", "…and joked, "…""
        if punct == "," && end > start {
            let v = end - 1;
            let part = cue_class(&self.lw[v]) == Some(CueClass::Participle);
            if part
                || (self.is_verbish(v) && self.lw[v].ends_with("ed") && self.cue_at(v).is_none())
            {
                let src = self.np_left(v, start).filter(|_| !part).or_else(|| {
                    self.np_right(start, end).filter(|r| {
                        capitalized(self.tok(r.0))
                            || lexicon::PRONOUNS.contains(&self.lw[r.0].as_str())
                    })
                });
                if src.is_some() {
                    return Some(((v, v + 1), src));
                }
            }
        }
        // a cue in the clause (the last one)
        if let Some((c0, c1)) = (start..end).rev().find_map(|k| self.cue_at(k)) {
            if self.lw[c0] == "according" {
                let src = self.np_right(c1, end);
                return Some(((c0, c1), src));
            }
            let src = self
                .np_left(c0, start)
                .or_else(|| {
                    // "X looked at the camera and said, "…""
                    let r = self.np_right(start, c0)?;
                    (c0 > start
                        && self.lw[c0 - 1] == "and"
                        && (capitalized(self.tok(r.0))
                            || lexicon::PRONOUNS.contains(&self.lw[r.0].as_str())))
                    .then_some(r)
                })
                .or_else(|| {
                    // "X, a spokesman for Y, said, "…""
                    let r = self.np_right(start, c0)?;
                    (c0 > start && self.tok(c0 - 1) == "," && self.tok(r.1) == ",").then_some(r)
                })
                .or_else(|| self.np_right(c1, end));
            return Some(((c0, c1), src));
        }
        if punct == ":" {
            // From X: "…" / X: "…"
            let (a, cue) = if self.lw[start] == "from" {
                (start + 1, (start, start + 1))
            } else {
                (start, (end, end + 1))
            };
            if end - a <= 6 && a < end && (a..end).any(|k| capitalized(self.tok(k))) {
                return Some((cue, Some((a, end))));
            }
            // X boomed: "…" / X delivered a blunt message: "…"
            if let Some(r) = self.np_right(start, end) {
                let mut v = r.1;
                while v < end && MODIFIER_SET.contains(&self.lw[v].as_str()) {
                    v += 1;
                }
                let subj = capitalized(self.tok(r.0))
                    || lexicon::PRONOUNS.contains(&self.lw[r.0].as_str());
                if subj && v < end && self.is_verbish(v) && end - v <= 8 {
                    return Some(((v, end + 1), Some(r)));
                }
            }
        }
        None
    }
}

//! The indirect pass of the rule attributor: reported speech around cue
//! words ("said that …", "according to …"), its content end and source, as
//! methods of the rule context [`Ctx`].

use crate::*;

impl<'a> Ctx<'a> {
    /// Reported speech around cue words; `direct` (the direct contents,
    /// sorted by start) keeps a clause that only repeats a quote out.
    pub(crate) fn indirect_pass(&self, used_cue: &[bool], direct: &[Span]) -> Vec<Draft> {
        let mut out: Vec<Draft> = Vec::new();
        for s in 0..self.sents.len() {
            let (a, b) = self.sent_range(s);
            // content end: before the final punctuation
            let mut e = b;
            while e > a && !is_word(self.tok(e - 1)) && !is_quote_mark(self.tok(e - 1)) {
                e -= 1;
            }
            let mut last_src: Option<Range> = None;
            let mut k = a;
            let start_len = out.len();
            while k < b {
                if used_cue[k] || self.quote_of(k).is_some() {
                    k += 1;
                    continue;
                }
                let w = self.lw[k].as_str();
                let d = if w == "according" && self.lw.get(k + 1).is_some_and(|n| n == "to") {
                    self.according_to(k, a, e, b)
                } else if let Some(n) = self
                    .lw
                    .get(k + 1)
                    .filter(|n| lexicon::CUE_PAIRS.iter().any(|(x, y)| *x == w && y == *n))
                {
                    let _ = n;
                    self.verb_cue(k, k + 2, CueClass::Say, a, e, last_src)
                } else if let Some(cls) = cue_class(w) {
                    if capitalized(self.tok(k)) && k > a {
                        None
                    } else {
                        self.verb_cue(k, k + 1, cls, a, e, last_src)
                    }
                } else {
                    None
                };
                if let Some(mut d) = d {
                    d.sentence = Some(s);
                    d.para = self.sent_para[s];
                    // a cue inside an earlier content of this sentence is nested
                    // (reported speech within reported speech): it neither
                    // cuts that content nor becomes the sentence's speaker
                    let cue_at = d.cue.first().map(|c| c.start).unwrap_or(0);
                    let nested = out[start_len..]
                        .iter()
                        .any(|o| o.content.iter().any(|c| c.start < cue_at && cue_at < c.end))
                        && !matches!(
                            self.lw[k.saturating_sub(1)].as_str(),
                            "and" | "but" | "," | "while"
                        );
                    d.nested = nested;
                    if !nested && let Some(src) = d.source.first() {
                        let r0 = self.tok_at(src.start);
                        last_src = Some((r0, self.tok_at(src.end)));
                    }
                    // `direct` is sorted by start: look only at spans starting in c
                    let overlaps_direct = d.content.iter().any(|c| {
                        let k = direct.partition_point(|x| x.start < c.start);
                        direct[k..].iter().take_while(|x| x.start < c.end).any(|x| {
                            x.overlaps(*c) && c.contains(*x) && x.len() * 10 >= c.len() * 8
                        })
                    });
                    if !overlaps_direct {
                        out.push(d);
                    }
                }
                k += 1;
            }
            // content of an earlier cue stops where a later attribution in the sentence starts
            for i in start_len..out.len() {
                if let Some(j) = (i + 1..out.len()).find(|&j| !out[j].nested) {
                    let next_start = out[j]
                        .source
                        .iter()
                        .chain(out[j].cue.iter())
                        .map(|s| s.start)
                        .filter(|&x| out[i].content.last().is_some_and(|c| x > c.start))
                        .min()
                        .unwrap_or(usize::MAX);
                    let cue_end = out[i].cue.first().map(|c| c.end).unwrap_or(0);
                    if let Some(c) = out[i].content.last_mut()
                        && c.start >= cue_end
                        && next_start > c.start
                        && next_start < c.end
                    {
                        let cut = self.trim_conj(c.start, next_start);
                        *c = Span::new(c.start, cut);
                    }
                }
            }
        }
        out.retain(|d| {
            d.content.iter().any(|c| self.words_in(*c) >= 1)
                && self.words_in_all(&d.content) >= lexicon::MIN_CONTENT_WORDS
        });
        out
    }

    /// End byte of content that stops before byte `at`, trimming a trailing
    /// conjunction, comma or dash.
    pub(crate) fn trim_conj(&self, start: usize, at: usize) -> usize {
        let mut k = self.tok_at(at);
        while k > 0 && self.toks[k - 1].span().start >= start {
            let w = self.lw[k - 1].as_str();
            if matches!(
                w,
                "and" | "but" | "," | "—" | "–" | "-" | ";" | "while" | "as"
            ) {
                k -= 1;
            } else {
                break;
            }
        }
        if k == 0 {
            return start;
        }
        self.toks[k - 1].span().end.max(start)
    }

    pub(crate) fn words_in(&self, s: Span) -> usize {
        let (a, b) = self.toks_within(s);
        (self.words_before[b] - self.words_before[a]) as usize
    }

    /// Tokens `[a, b)` from the first at or after `s.start` up to the last
    /// ending by `s.end` (tokens do not overlap, so ends are sorted too).
    pub(crate) fn toks_within(&self, s: Span) -> Range {
        let a = self.tok_at(s.start);
        let b = a + self.toks[a..].partition_point(|t| t.span().end <= s.end);
        (a, b)
    }

    pub(crate) fn words_in_all(&self, v: &[Span]) -> usize {
        v.iter().map(|s| self.words_in(*s)).sum()
    }

    /// `according to X, …` / `…, according to X.`
    pub(crate) fn according_to(&self, k: usize, a: usize, e: usize, b: usize) -> Option<Draft> {
        let c1 = k + 2;
        let hi = self.clause_end(c1, self.sents[self.toks[k].sentence()].end);
        let src = self.np_right(c1, hi.min(b));
        let cue = self.span((k, c1));
        let content = if k == a
            || (k > a && matches!(self.lw[k - 1].as_str(), "but" | "and" | "yet" | "so"))
        {
            // According to X, CONTENT.
            if hi < e && self.tok(hi) == "," {
                Span::new(self.toks[hi + 1].span().start, self.toks[e - 1].span().end)
            } else {
                return None;
            }
        } else if k > a + 1 && self.tok(k - 1) == "," {
            // CONTENT, according to X. (not a clause after X: PolNeAR
            // train, 280 of 312 such contents end at the cue; a sentence
            // opening with ", according to" has no content)
            Span::new(self.toks[a].span().start, self.toks[k - 2].span().end)
        } else {
            return None;
        };
        Some(Draft::indirect(
            vec![content],
            cue,
            src.map(|r| vec![self.span(r)]).unwrap_or_default(),
        ))
    }

    /// A verb cue at tokens `[c0, c1)` in the sentence `[a, …)`, content up to `e`.
    pub(crate) fn verb_cue(
        &self,
        c0: usize,
        c1: usize,
        cls: CueClass,
        a: usize,
        e: usize,
        last_src: Option<Range>,
    ) -> Option<Draft> {
        if c1 > e {
            return None;
        }
        // passive ("was told", "were asked") is not a cue with a left source
        if c0 > a
            && matches!(
                self.lw[c0 - 1].as_str(),
                "was" | "were" | "been" | "be" | "being"
            )
            && matches!(cls, CueClass::Tell)
        {
            return None;
        }
        let mut src = self.np_left(c0, a);
        let mut appositive = false;
        // appositive: "X, a spokesman, said" / "X, at the institute, said"
        if src.is_none() && c0 > a + 1 && self.tok(c0 - 1) == "," {
            let lo = c0.saturating_sub(lexicon::MAX_APPOSITIVE_TOKENS).max(a);
            if let Some(k1) = (lo..c0 - 1)
                .rev()
                .find(|&k| self.tok(k) == "," || is_quote_mark(self.tok(k)))
                && self.tok(k1) == ","
                && let Some(r1) = self.np_left_plain(k1, a)
                && (r1.0 == a || matches!(self.tok(r1.0 - 1), "," | ":"))
                && (capitalized(self.tok(r1.0))
                    || lexicon::DETERMINERS.contains(&self.lw[r1.0].as_str()))
            {
                // the name with its appositive: "Its chief executive, Maria Lopez"
                src = Some((r1.0, c0 - 1));
                appositive = true;
            }
        }
        let after = c1; // first token after the cue
        let next = self.lw.get(after).map(|s| s.as_str()).unwrap_or("");
        let clause_follows = next == "that"
            || lexicon::PRONOUNS.contains(&next)
            || matches!(
                next,
                "the" | "a" | "an" | "there" | "this" | "how" | "why" | "what" | "whether" | "if"
            );
        // noun homographs ("member states", "pledged delegates"): a clause must follow
        if lexicon::NEEDS_CLAUSE.contains(&self.lw[c0].as_str()) && !clause_follows {
            return None;
        }
        // participles without a comma ("some warning signs")
        if cls == CueClass::Participle && self.prev_tok(c0) != "," && !clause_follows {
            return None;
        }
        match cls {
            CueClass::Participle => {
                // "…, saying (that) …": source = subject of the sentence;
                // "with 50 percent saying …": the noun phrase before it
                if c0 == a {
                    return None;
                }
                let with_np = src.filter(|r| r.0 > a && self.lw[r.0 - 1] == "with");
                let s = with_np
                    .or(last_src)
                    .or_else(|| self.subject(self.toks[c0].sentence()));
                let content = self.content_after(c1, e, false)?;
                return Some(self.draft(content, (c0, c1), s));
            }
            CueClass::Think => {
                // a clause must follow ("that", a pronoun, a determiner), and a source precede
                if !clause_follows {
                    return None;
                }
                src?;
            }
            CueClass::Object => {
                let src = src.or_else(|| {
                    if c0 > a && matches!(self.lw[c0 - 1].as_str(), "and" | "but" | ",") {
                        last_src.or_else(|| self.subject(self.toks[c0].sentence()))
                    } else {
                        None
                    }
                })?;
                // the source needs a head word, not just a determiner ("the support of")
                if (src.0..src.1).all(|k| lexicon::DETERMINERS.contains(&self.lw[k].as_str())) {
                    return None;
                }
                // an adverb or a number is no object ("attacked viciously", "added 292,000 jobs")
                if c1 >= e
                    || !is_word(self.tok(c1))
                    || lexicon::NOT_CONTENT_START.contains(&next)
                    || next.ends_with("ly")
                    || next.starts_with(|c: char| c.is_ascii_digit())
                {
                    return None;
                }
                let end = (c1 + 1..e)
                    .find(|&k| matches!(self.tok(k), "," | ";" | ":") && self.quote_of(k).is_none())
                    .unwrap_or(e);
                let content = self.span((c1, end));
                return Some(self.draft(content, (c0, c1), Some(src)));
            }
            CueClass::Call => {
                // "called this "…"" / "called for …"
                let Some(q) = (after..(after + 4).min(e)).find(|&i| self.quote_of(i).is_some())
                else {
                    // "called him a liar"
                    let src = src?;
                    let obj = lexicon::PRONOUNS.contains(&next)
                        || matches!(next, "him" | "her" | "them")
                        || capitalized(self.tok(c1));
                    if !obj || c1 + 2 >= e {
                        return None;
                    }
                    let end = (c1 + 1..e)
                        .find(|&k| matches!(self.tok(k), "," | ";" | ":"))
                        .unwrap_or(e);
                    return Some(self.draft(self.span((c1, end)), (c0, c1), Some(src)));
                };
                let qi = self.quote_of(q)?;
                // the object and the quoted label: "called the lines "unacceptable""
                let outer = quote_outer(&self.quotes[qi]);
                let outer = Span::new(self.toks[c1].span().start.min(outer.start), outer.end);
                let s = src.or(last_src);
                return Some(Draft::indirect(
                    vec![outer],
                    self.span((c0, c1)),
                    s.map(|r| vec![self.span(r)]).unwrap_or_default(),
                ));
            }
            _ => {}
        }
        // "As X noted, CONTENT."
        if let Some(r) = src
            && r.0 > a
            && self.lw[r.0 - 1] == "as"
        {
            let hi = self.clause_end(c1, self.sents[self.toks[c0].sentence()].end);
            if hi < e && self.tok(hi) == "," && hi + 1 < e {
                let content = self.span((hi + 1, e));
                return Some(self.draft(content, (c0, c1), Some(r)));
            }
        }
        // trailer: "CONTENT, X said." or parenthetical "CONTENT, X said, CONTENT."
        let src_start = src.map(|r| r.0).unwrap_or(c0);
        if !appositive && src_start > a + 1 && self.tok(src_start - 1) == "," {
            let hi = self.clause_end(c1, self.sents[self.toks[c0].sentence()].end);
            let tail = hi.saturating_sub(c1);
            let has_that = (c1..hi).any(|i| self.lw[i] == "that");
            // only an adjunct may follow a trailer verb ("…, X said on Monday.")
            let adjunct_only = tail == 0
                || lexicon::ADJUNCT_STARTS.contains(&self.lw[c1].as_str())
                || lexicon::TRAILER_ADJUNCTS.contains(&self.lw[c1].as_str());
            if tail <= 8 && !has_that && adjunct_only {
                let mut content = vec![self.span((a, src_start - 1))];
                if hi < e && self.tok(hi) == "," && hi + 1 < e {
                    content.push(self.span((hi + 1, e)));
                }
                return Some(Draft::indirect(
                    content,
                    self.span((c0, c1)),
                    src.map(|r| vec![self.span(r)]).unwrap_or_default(),
                ));
            }
        }
        // "X, who has …, said …": the noun phrase opening the clause
        if src.is_none() && c0 > a + 1 && self.tok(c0 - 1) == "," {
            src = self.np_right(a, c0).filter(|r| {
                self.tok(r.1) == ","
                    && (capitalized(self.tok(r.0))
                        || matches!(self.lw[r.0].as_str(), "the" | "a" | "an" | "one"))
            });
        }
        // inverted trailer: "CONTENT, said X."
        if src.is_none() && c0 > a + 1 && self.tok(c0 - 1) == "," {
            let hi = self.clause_end(c1, self.sents[self.toks[c0].sentence()].end);
            if let Some(r) = self.np_right(c1, hi)
                && (matches!(self.tok(r.1), "," | "." | "(" | "") || r.1 >= e)
                && !lexicon::PRONOUNS.contains(&self.lw[r.0].as_str())
            {
                let content = vec![self.span((a, c0 - 1))];
                return Some(Draft::indirect(
                    content,
                    self.span((c0, c1)),
                    vec![self.span(r)],
                ));
            }
        }
        // "and (then) said …": the subject of an earlier verb in the sentence
        let mut m = c0;
        while m > a && MODIFIER_SET.contains(&self.lw[m - 1].as_str()) {
            m -= 1;
        }
        if src.is_none() && m > a && matches!(self.lw[m - 1].as_str(), "and" | "but") {
            src = last_src.or_else(|| self.subject(self.toks[c0].sentence()));
        }
        let src = src?;
        let mut content = self.content_after(c1, e, cls == CueClass::Tell)?;
        if c0 > a && matches!(self.lw[c0 - 1].as_str(), "who" | "which") {
            // "X, who said …, recounted …": the content ends with the relative clause
            let k0 = self.tok_at(content.start);
            if let Some(k) = (k0..e).find(|&k| self.tok(k) == "," && self.quote_of(k).is_none()) {
                content = Span::new(
                    content.start,
                    self.toks[k - 1].span().end.max(content.start),
                );
            }
        }
        Some(self.draft(content, (c0, c1), Some(src)))
    }

    pub(crate) fn draft(&self, content: Span, cue: Range, src: Option<Range>) -> Draft {
        Draft::indirect(
            vec![content],
            self.span(cue),
            src.map(|r| vec![self.span(r)]).unwrap_or_default(),
        )
    }

    /// Content after a verb cue ending at token `c1`, up to token `e`
    /// (exclusive): from "that" when it comes within a few tokens, else after
    /// an object (tell-verbs) or a time adjunct.
    pub(crate) fn content_after(&self, c1: usize, e: usize, tell: bool) -> Option<Span> {
        if c1 >= e {
            return None;
        }
        let mut c1 = c1;
        // "X added, though, that …" / "X says, CONTENT"
        if self.tok(c1) == "," && c1 + 1 < e && !is_quote_mark(self.tok(c1 + 1)) {
            let lim = (c1 + 6).min(e);
            if let Some(t) = (c1 + 1..lim).find(|&i| self.lw[i] == "that") {
                return Some(self.span((t, e)));
            }
            if (c1 + 1..e).filter(|&i| is_word(self.tok(i))).count() >= lexicon::MIN_CONTENT_WORDS
                && !(c1 + 1..e).any(|i| self.tok(i) == ",")
            {
                c1 += 1;
            }
        }
        let first = self.tok(c1);
        if matches!(first, "," | "." | ":" | ";" | ")" | "?" | "!")
            || is_dash(first)
            || is_quote_mark(first) && self.quote_of(c1).is_some_and(|q| self.standalone(q))
        {
            return None;
        }
        let lim = (c1 + lexicon::MAX_THAT_DISTANCE).min(e);
        if let Some(t) = (c1..lim).find(|&i| self.lw[i] == "that" && self.quote_of(i).is_none()) {
            // no clause boundary and no other cue between the cue and "that"
            if (c1..t).all(|i| {
                (is_word(self.tok(i)) || self.tok(i) == ".") && cue_class(&self.lw[i]).is_none()
            }) {
                return Some(self.span((t, e)));
            }
        }
        // a tell-verb's addressee, then a wh-clause: "told a radio host on
        // Thursday how surprised he was"
        if tell
            && let Some(t) = (c1 + 1..lim).find(|&i| {
                matches!(self.lw[i].as_str(), "how" | "why" | "whether" | "what")
                    && self.quote_of(i).is_none()
            })
            && (c1..t).all(|i| is_word(self.tok(i)) && cue_class(&self.lw[i]).is_none())
        {
            return Some(self.span((t, self.content_end(t, e))));
        }
        let mut s = c1;
        if tell {
            // skip the addressee: a pronoun, a name or "reporters"
            let obj_end = (c1..lim).find(|&i| {
                let w = self.lw[i].as_str();
                i > c1
                    && (lexicon::PRONOUNS.contains(&w)
                        || matches!(w, "the" | "a" | "an" | "there" | "it's"))
            });
            s = obj_end.unwrap_or(c1 + 1);
        }
        while s < e && lexicon::ADJUNCT_STARTS.contains(&self.lw[s].as_str()) {
            // skip "on Monday", "last week", "in a statement"
            let mut k = s + 1;
            while k < e
                && k - s < 5
                && !lexicon::PRONOUNS.contains(&self.lw[k].as_str())
                && self.tok(k) != ","
                && !matches!(self.lw[k].as_str(), "the" | "a" | "an")
            {
                k += 1;
            }
            if k < e && (lexicon::PRONOUNS.contains(&self.lw[k].as_str()) || self.tok(k) == ",") {
                s = if self.tok(k) == "," { k + 1 } else { k };
            } else {
                break;
            }
        }
        if s >= e || (lexicon::NOT_CONTENT_START.contains(&self.lw[s].as_str())) {
            return None;
        }
        Some(self.span((s, self.content_end(s, e))))
    }

    /// Where content starting at token `s` ends, at most at `e`: before a
    /// coordinated second attribution whose cue the direct pass took
    /// ("…, and added: "…"") and before a non-restrictive relative clause
    /// (", who …"), which PolNeAR annotators leave out.
    ///
    /// Looks only at the precomputed `content_breaks` from `s + 1` on
    /// (binary search), not at every token up to `e`.
    pub(crate) fn content_end(&self, s: usize, e: usize) -> usize {
        let from = self.content_breaks.partition_point(|b| b.0 < s + 1);
        for &(k, cue) in &self.content_breaks[from..] {
            if k >= e {
                break;
            }
            match cue {
                None if k > s + 2 => return k - 1,
                // the cue and the mark after it must lie before `e`
                Some(m) if k + 1 < e && m + 1 < e => {
                    let mut end = k;
                    while end > s + 1 && matches!(self.tok(end - 1), "," | ";") {
                        end -= 1;
                    }
                    return end;
                }
                _ => {}
            }
        }
        e
    }
}

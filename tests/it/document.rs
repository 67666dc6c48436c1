//! The interview model and its parsers: the built-in text, label detection,
//! CRLF/BOM, JSON round trips and JSON errors.

use hiwar::document::parse::{find_labels, parse_text, split_label};
use hiwar::document::{
    BUILTIN_METADATA, BUILTIN_TEXT, Exchange, Interview, Metadata, TextDirection, TextOptions,
    Turn, majority_direction,
};

fn answer_lengths(interview: &Interview) -> Vec<usize> {
    interview.exchanges.iter().map(|e| e.answer.len()).collect()
}

fn text(lines: &[&str]) -> String {
    lines.join("\n")
}

#[test]
fn builtin_metadata_is_valid() {
    let metadata: Metadata = toml::from_str(BUILTIN_METADATA).expect("valid metadata");
    assert_eq!(metadata.language, "ar");
    assert_eq!(metadata.direction, TextDirection::Rtl);
    assert_eq!(metadata.source.as_deref(), Some("Global Times"));
    assert_eq!(metadata.speakers.len(), 2);
    assert!(metadata.title.contains("تشانغ شياو"));
}

#[test]
fn builtin_text_is_the_seed_byte_for_byte() {
    assert_eq!(BUILTIN_TEXT.len(), 15993);
    assert!(!BUILTIN_TEXT.ends_with('\n'));
    assert_eq!(BUILTIN_TEXT.split('\n').count(), 32);
}

#[test]
fn builtin_interview_has_its_structure() {
    let interview = Interview::builtin();
    assert_eq!(interview.intro.len(), 2);
    assert_eq!(interview.exchanges.len(), 7);
    assert_eq!(answer_lengths(&interview), [7, 2, 4, 2, 2, 2, 4]);
    assert!(
        interview
            .exchanges
            .iter()
            .all(|e| e.question.len() == 1 && e.answered_by.is_empty())
    );
    assert!(interview.exchanges[0].question[0].starts_with("يصادف هذا العام"));
    assert!(interview.exchanges[0].answer[0].starts_with("خلال العقد الماضي"));
    assert!(interview.intro[0].starts_with("في سبتمبر/أيلول 2013"));
    assert_eq!(interview.language, "ar");
    assert_eq!(interview.direction, TextDirection::Rtl);
    assert_eq!(interview.source.as_deref(), Some("Global Times"));
}

#[test]
fn builtin_labels_are_stripped_and_speakers_named() {
    let interview = Interview::builtin();
    let all = interview.intro.iter().chain(
        interview
            .exchanges
            .iter()
            .flat_map(|e| e.question.iter().chain(&e.answer)),
    );
    for paragraph in all {
        assert!(!paragraph.starts_with("ج.ت"), "{paragraph}");
        assert!(!paragraph.starts_with("تشانغ:"), "{paragraph}");
        assert_eq!(paragraph.trim(), paragraph);
    }
    let interviewer = interview.interviewer().expect("an interviewer");
    assert_eq!(
        (interviewer.label.as_str(), interviewer.name.as_str()),
        ("ج.ت", "جلوبال تايمز")
    );
    let guest = interview.guest().expect("a guest");
    assert_eq!(
        (guest.label.as_str(), guest.name.as_str()),
        ("تشانغ", "تشانغ شياو")
    );
    assert_eq!(interview.speaker_name("تشانغ"), "تشانغ شياو");
    assert_eq!(interview.speaker_name("unknown"), "unknown");
}

#[test]
fn builtin_labels_are_found_without_metadata() {
    let labels = find_labels(BUILTIN_TEXT, &[]);
    let mut labels: Vec<&str> = labels.into_iter().collect();
    labels.sort();
    assert_eq!(labels, ["تشانغ", "ج.ت"]);

    let parsed = parse_text(BUILTIN_TEXT, &TextOptions::default());
    let builtin = Interview::builtin();
    assert_eq!(parsed.intro, builtin.intro);
    assert_eq!(parsed.exchanges, builtin.exchanges);
    assert_eq!(parsed.speakers[0].label, "ج.ت");
    assert_eq!(parsed.speakers[1].label, "تشانغ");
    // No metadata: the language from the script.
    assert_eq!(parsed.language, "ar");
    assert_eq!(parsed.direction, TextDirection::Rtl);
}

#[test]
fn language_from_the_script_unless_metadata_says() {
    let parse = |text: &str| parse_text(text, &TextOptions::default()).language;
    assert_eq!(
        parse("س: سؤال؟\nج: جواب.\nس: سؤال آخر؟\nج: جواب آخر."),
        "ar"
    );
    assert_eq!(
        parse("س: چرا؟\nج: چون که این‌طور است.\nس: کی؟\nج: دیروز."),
        "fa"
    );
    assert_eq!(
        parse("س: کیوں؟\nج: کیونکہ وہ نہیں آئے۔\nس: کب؟\nج: کل۔"),
        "ur"
    );
    assert_eq!(parse("ש: למה?\nת: כי כך.\nש: מתי?\nת: אתמול."), "he");
    assert_eq!(
        parse("Q: Why?\nA: Because.\nQ: When?\nA: Yesterday."),
        "und"
    );
    // The title (a file name) is not the text.
    let titled = TextOptions {
        title: "مقابلة".into(),
        ..TextOptions::default()
    };
    assert_eq!(parse_text("Q: Why?\nA: Because.", &titled).language, "und");
    // Metadata wins over the script.
    let mut metadata: Metadata = toml::from_str(BUILTIN_METADATA).expect("valid metadata");
    metadata.language = "ar-EG".into();
    assert_eq!(
        Interview::from_text_with_metadata(BUILTIN_TEXT, &metadata).language,
        "ar-EG"
    );
}

#[test]
fn label_shapes() {
    assert_eq!(split_label("ج.ت: نص"), Some(("ج.ت", "نص")));
    assert_eq!(split_label("Dr. Smith: yes"), Some(("Dr. Smith", "yes")));
    assert_eq!(split_label("Q:"), Some(("Q", "")));
    assert_eq!(
        split_label("Mary Ann Lee : hello"),
        Some(("Mary Ann Lee", "hello"))
    );
    // Too many words, sentence punctuation, no space after the colon, no letter.
    assert_eq!(split_label("one two three four: x"), None);
    assert_eq!(split_label("Wait, what: x"), None);
    assert_eq!(split_label("He said: (x)"), Some(("He said", "(x)")));
    assert_eq!(split_label("see https://example.org"), None);
    assert_eq!(split_label("at 10:30 we met"), None);
    assert_eq!(split_label("2013: a year"), None);
    assert_eq!(split_label("...: x"), None);
    assert_eq!(split_label("Why?: x"), None);
    assert_eq!(split_label("no colon here"), None);
}

#[test]
fn a_question_spans_two_paragraphs() {
    let interview = parse_text(
        &text(&[
            "Intro line.",
            "Q: First part of the question.",
            "Second part of the question?",
            "A: The answer.",
            "More answer.",
            "Q: Next?",
            "A: Yes.",
        ]),
        &TextOptions::default(),
    );
    assert_eq!(interview.intro, ["Intro line."]);
    assert_eq!(interview.exchanges.len(), 2);
    assert_eq!(
        interview.exchanges[0].question,
        [
            "First part of the question.",
            "Second part of the question?"
        ]
    );
    assert_eq!(
        interview.exchanges[0].answer,
        ["The answer.", "More answer."]
    );
    assert_eq!(interview.exchanges[1].question, ["Next?"]);
    assert_eq!(interview.direction, TextDirection::Ltr);
}

#[test]
fn three_speakers_name_each_answer_turn() {
    let interview = parse_text(
        &text(&[
            "Host: Welcome to you both. What brought you here?",
            "Ana: The river.",
            "Ben: And the bridge.",
            "Ben: It was new then.",
            "Host: Would you go back?",
            "Ben: Never.",
            "Ana: Always.",
            "She laughs.",
        ]),
        &TextOptions::default(),
    );
    let labels: Vec<&str> = interview
        .speakers
        .iter()
        .map(|s| s.label.as_str())
        .collect();
    assert_eq!(labels, ["Host", "Ana", "Ben"]);
    assert_eq!(interview.exchanges.len(), 2);
    let first = &interview.exchanges[0];
    assert_eq!(
        first.answer,
        ["The river.", "And the bridge.", "It was new then."]
    );
    assert_eq!(
        first.answered_by,
        [
            Turn {
                speaker: "Ana".into(),
                from: 0
            },
            Turn {
                speaker: "Ben".into(),
                from: 1
            }
        ]
    );
    let second = &interview.exchanges[1];
    assert_eq!(second.answer, ["Never.", "Always.", "She laughs."]);
    let turns = interview.answer_turns(second);
    assert_eq!(turns.len(), 2);
    assert_eq!(turns[0], ("Ben", &["Never.".to_string()][..]));
    assert_eq!(
        turns[1],
        (
            "Ana",
            &["Always.".to_string(), "She laughs.".to_string()][..]
        )
    );
}

#[test]
fn interviewer_can_be_chosen() {
    let source = text(&["A: hello", "B: hi", "A: how are you?", "B: fine"]);
    let interview = parse_text(
        &source,
        &TextOptions {
            interviewer: Some("B".into()),
            ..TextOptions::default()
        },
    );
    assert_eq!(interview.speakers[0].label, "B");
    // A speaks before B's first question: an exchange with no question.
    assert_eq!(interview.exchanges.len(), 3);
    assert!(interview.exchanges[0].question.is_empty());
    assert_eq!(interview.exchanges[0].answer, ["hello"]);
    assert_eq!(interview.exchanges[1].question, ["hi"]);
    assert_eq!(interview.exchanges[1].answer, ["how are you?"]);
    assert_eq!(interview.exchanges[2].question, ["fine"]);
    assert!(interview.exchanges[2].answer.is_empty());
}

#[test]
fn no_labels_is_an_introduction_only() {
    let interview = parse_text(
        "First paragraph.\n\nSecond paragraph.\n   \nThird.",
        &TextOptions::default(),
    );
    assert_eq!(
        interview.intro,
        ["First paragraph.", "Second paragraph.", "Third."]
    );
    assert!(interview.exchanges.is_empty());
    assert!(interview.speakers.is_empty());
}

#[test]
fn a_label_met_once_or_alone_is_text() {
    // "ملاحظة:" once, among real labels: it stays text in the answer.
    let interview = parse_text(
        &text(&[
            "س: سؤال؟",
            "ج: جواب.",
            "ملاحظة: هذا نص.",
            "س: سؤال آخر؟",
            "ج: نعم.",
        ]),
        &TextOptions::default(),
    );
    assert_eq!(interview.exchanges.len(), 2);
    assert_eq!(interview.exchanges[0].answer, ["جواب.", "ملاحظة: هذا نص."]);

    // A single recurring label is not a dialogue.
    let notes = text(&["Note: one.", "Body.", "Note: two."]);
    let interview = parse_text(&notes, &TextOptions::default());
    assert!(interview.exchanges.is_empty());
    assert_eq!(interview.intro.len(), 3);
    assert_eq!(interview.intro[0], "Note: one.");
}

#[test]
fn crlf_and_bom_read_like_lf() {
    let lf = BUILTIN_TEXT.to_string();
    let crlf = format!("\u{feff}{}\r\n", lf.replace('\n', "\r\n"));
    let a = parse_text(&lf, &TextOptions::default());
    let b = parse_text(&crlf, &TextOptions::default());
    assert_eq!(a, b);
    assert!(
        b.intro[0].starts_with("في"),
        "the BOM is not part of the text"
    );
    assert!(!b.intro.iter().any(|p| p.contains('\r')));
}

#[test]
fn empty_and_blank_texts_have_no_paragraphs() {
    for source in ["", "   ", "\n\n\r\n", "\u{feff}", " \t \n"] {
        let interview = parse_text(source, &TextOptions::default());
        assert!(interview.is_empty(), "{source:?}");
    }
}

#[test]
fn json_round_trip_is_lossless() {
    let builtin = Interview::builtin();
    let json = builtin.to_json();
    let back = Interview::from_json(&json).expect("valid JSON");
    assert_eq!(back, builtin);
    assert_eq!(back.to_json(), json);

    let three = parse_text(
        &text(&["H: q?", "X: a", "Y: b", "H: q2?", "Y: c", "X: d"]),
        &TextOptions {
            title: "t".into(),
            ..TextOptions::default()
        },
    );
    let back = Interview::from_json(&three.to_json()).expect("valid JSON");
    assert_eq!(back, three);
    assert!(three.to_json().contains("\"answered_by\""));
}

#[test]
fn json_shape_is_the_documented_one() {
    let json = Interview::builtin().to_json();
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let keys: Vec<&str> = value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "title",
        "language",
        "direction",
        "speakers",
        "intro",
        "exchanges",
    ] {
        assert!(keys.contains(&key), "{key}");
    }
    assert_eq!(value["direction"], "rtl");
    assert_eq!(value["speakers"][0]["label"], "ج.ت");
    assert_eq!(value["speakers"][0]["name"], "جلوبال تايمز");
    let first = &value["exchanges"][0];
    assert!(
        first["question"][0]
            .as_str()
            .expect("a string")
            .starts_with("يصادف")
    );
    assert_eq!(first["answer"].as_array().expect("an array").len(), 7);
    // Optional fields are left out when empty.
    assert!(first.get("answered_by").is_none());
}

#[test]
fn minimal_json_reads() {
    let interview = Interview::from_json(
        r#"{"title":"T","language":"en","direction":"ltr","speakers":[],"intro":["x"],"exchanges":[{"question":["q"],"answer":[]}]}"#,
    )
    .expect("valid");
    assert_eq!(interview.direction, TextDirection::Ltr);
    assert_eq!(
        interview.exchanges,
        [Exchange {
            question: vec!["q".into()],
            ..Exchange::default()
        }]
    );
}

#[test]
fn json_errors_say_where() {
    let e = Interview::from_json("{\n  \"title\": 7\n}").expect_err("a number is not a title");
    assert_eq!((e.line, e.column), (2, 12));
    assert_eq!(
        e.to_string(),
        "not a hiwar interview (JSON, line 2, column 12): expected a string, found the number 7"
    );

    let e = Interview::from_json(r#"{"title": "t"}"#).expect_err("fields missing");
    assert!(
        e.message.contains("missing field `language`"),
        "{}",
        e.message
    );

    let e = Interview::from_json(
        r#"{"title":"","language":"ar","direction":"rtl","speakers":[],"intro":[],
            "exchanges":[{"question":[],"answer":["a"],"answered_by":[{"speaker":"x","from":3}]}]}"#,
    )
    .expect_err("a turn outside its answer");
    assert!(e.to_string().contains("exchange 1"), "{e}");
}

/// A valid interview's fields, to build wrong ones from.
const FIELDS: &str =
    r#""title":"t","language":"en","direction":"ltr","speakers":[],"intro":[],"exchanges":[]"#;

fn json_error(json: &str) -> (usize, usize, String) {
    let e = Interview::from_json(json).expect_err(json);
    (e.line, e.column, e.message)
}

#[test]
fn json_errors_say_what_was_expected_in_the_format_s_words() {
    let interview = "expected an interview: an object with title, language, direction, speakers, intro and exchanges";
    for (json, found) in [
        ("[]", "an array"),
        (r#"["t","en","ltr",[],[],[]]"#, "an array"),
        ("\"interview\"", "the string \"interview\""),
        ("null", "null"),
        ("7", "the number 7"),
    ] {
        let (line, column, message) = json_error(json);
        assert_eq!(message, format!("{interview}, found {found}"), "{json}");
        assert_eq!(line, 1, "{json}");
        assert!(column >= 1, "{json}: column {column}");
    }
    for (fields, message) in [
        (
            FIELDS.replace(r#""direction":"ltr""#, r#""direction":1"#),
            r#"expected "rtl" or "ltr", found the number 1"#,
        ),
        (
            FIELDS.replace(r#""direction":"ltr""#, r#""direction":"up""#),
            r#"expected "rtl" or "ltr", found the string "up""#,
        ),
        (
            FIELDS.replace(r#""title":"t""#, r#""title":true"#),
            "expected a string, found true",
        ),
        (
            FIELDS.replace(r#""speakers":[]"#, r#""speakers":[["a","b"]]"#),
            "expected a speaker: an object with label and name, found an array",
        ),
        (
            FIELDS.replace(r#""speakers":[]"#, r#""speakers":{}"#),
            "expected an array of speakers, found an object",
        ),
        (
            FIELDS.replace(r#""intro":[]"#, r#""intro":"one""#),
            r#"expected an array of paragraphs (strings), found the string "one""#,
        ),
        (
            FIELDS.replace(r#""intro":[]"#, r#""intro":[3]"#),
            "expected a paragraph (a string), found the number 3",
        ),
        (
            FIELDS.replace(r#""exchanges":[]"#, r#""exchanges":[[["q"],["a"]]]"#),
            "expected an exchange: an object with question and answer, found an array",
        ),
        (
            FIELDS.replace(
                r#""exchanges":[]"#,
                r#""exchanges":[{"question":[],"answer":["a"],"answered_by":[["x",0]]}]"#,
            ),
            "expected a turn: an object with speaker and from, found an array",
        ),
        (
            FIELDS.replace(
                r#""exchanges":[]"#,
                r#""exchanges":[{"question":[],"answer":["a"],"answered_by":[{"speaker":"x","from":-1}]}]"#,
            ),
            "expected a paragraph number (0 for the first), found the number -1",
        ),
        (
            FIELDS.replace(
                r#""exchanges":[]"#,
                r#""exchanges":[{"question":[],"answer":["a"],"answered_by":[{"speaker":"x","from":"0"}]}]"#,
            ),
            r#"expected a paragraph number (0 for the first), found the string "0""#,
        ),
    ] {
        let (_, _, got) = json_error(&format!("{{{fields}}}"));
        assert_eq!(got, message, "{fields}");
    }
}

#[test]
fn unknown_json_fields_are_refused_where_they_are() {
    // A misspelled optional field would otherwise be dropped without a word.
    // The column is that of the name's closing quote.
    for (fields, line, column, message) in [
        (
            format!("{FIELDS},\n\"sorce\": \"Global Times\""),
            2,
            7,
            "unknown field `sorce`, expected one of `version`, `title`, `language`, `direction`, `source`, `markup`, `speakers`, `intro`, `exchanges`, `sections`",
        ),
        (
            FIELDS.replace(
                r#""exchanges":[]"#,
                "\"exchanges\":[{\"question\":[],\"answer\":[\"a\"],\n  \"answerd_by\":[]}]",
            ),
            2,
            14,
            "unknown field `answerd_by`, expected one of `question`, `answer`, `answered_by`",
        ),
        (
            FIELDS.replace(
                r#""speakers":[]"#,
                r#""speakers":[{"label":"a","name":"b","nick":"c"}]"#,
            ),
            1,
            89,
            "unknown field `nick`, expected `label` or `name`",
        ),
        (
            FIELDS.replace(
                r#""exchanges":[]"#,
                r#""exchanges":[{"question":[],"answer":["a"],"answered_by":[{"speaker":"x","from":0,"to":1}]}]"#,
            ),
            1,
            158,
            "unknown field `to`, expected `speaker` or `from`",
        ),
    ] {
        let json = format!("{{{fields}}}");
        assert_eq!(json_error(&json), (line, column, message.to_string()), "{json}");
    }
    // The known optional fields are read.
    let json = format!("{{{FIELDS},\"source\":\"GT\"}}");
    assert_eq!(
        Interview::from_json(&json)
            .expect("valid")
            .source
            .as_deref(),
        Some("GT")
    );
}

#[test]
fn direction_by_majority_of_strong_characters() {
    assert_eq!(majority_direction(["Hello عالم"]), TextDirection::Ltr);
    assert_eq!(majority_direction(["مرحبا world"]), TextDirection::Rtl);
    assert_eq!(majority_direction(["שלום"]), TextDirection::Rtl);
    assert_eq!(majority_direction(["2013 ..."]), TextDirection::Rtl);
}

#[test]
fn the_title_does_not_vote_on_the_direction() {
    // A tie is right-to-left whatever the title; a title cannot outvote the text.
    for title in ["", "tie", "a long latin file name"] {
        let options = TextOptions {
            title: title.into(),
            ..TextOptions::default()
        };
        assert_eq!(
            parse_text("abc אבג", &options).direction,
            TextDirection::Rtl,
            "{title:?}"
        );
        assert_eq!(
            parse_text("abcd אבג", &options).direction,
            TextDirection::Ltr,
            "{title:?}"
        );
    }
    let options = TextOptions {
        title: "مقابلة طويلة جدا جدا".into(),
        ..TextOptions::default()
    };
    assert_eq!(
        parse_text("Q: hi\nA: hello\nQ: ok\nA: yes", &options).direction,
        TextDirection::Ltr
    );
}

#[test]
fn json_escapes_what_a_terminal_could_act_on() {
    let mut interview = Interview::builtin();
    let hostile = "a\u{1b}[2J b\u{9b}31m c\u{202e}d\u{2066}e\u{7f}";
    interview.intro = vec![hostile.to_string()];
    let json = interview.to_json();
    assert!(
        json.contains(r#""a\u001b[2J b\u009b31m c\u202ed\u2066e\u007f""#),
        "{json}"
    );
    for c in ['\u{1b}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{7f}'] {
        assert!(!json.contains(c), "{c:?} written raw");
    }
    // Arabic and other text stay as they are.
    assert!(json.contains("جلوبال تايمز"));
    let back = Interview::from_json(&json).expect("valid JSON");
    assert_eq!(back.intro[0], hostile);
    assert_eq!(back, interview);
}

#[test]
fn many_speakers_and_exchanges_parse_in_bounded_time() {
    // 50,000 distinct labels, each speaking twice, and 100,000 exchanges of two
    // speakers: no quadratic work on the number of speakers.
    let mut many = String::new();
    for i in 0..50_000 {
        many.push_str(&format!("S{i}: one\nS{i}: two\n"));
    }
    let start = std::time::Instant::now();
    let interview = parse_text(&many, &TextOptions::default());
    assert_eq!(interview.speakers.len(), 50_000);
    let mut long = String::new();
    for _ in 0..100_000 {
        long.push_str("Q: why?\nA: because.\n");
    }
    let interview = parse_text(&long, &TextOptions::default());
    assert_eq!(interview.exchanges.len(), 100_000);
    let json = interview.to_json();
    assert_eq!(Interview::from_json(&json).expect("valid"), interview);
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

/// Issue 19: a short first paragraph with no label and no sentence-final
/// punctuation, before labelled paragraphs, is the plain-text file's title (it was
/// the introduction's first paragraph, and the title the file's name).
#[test]
fn a_headline_before_the_interview_is_its_title() {
    let options = TextOptions {
        title: "ar".to_string(),
        ..TextOptions::default()
    };
    let parse = |text: &str| parse_text(text, &options);
    let interview =
        parse("حوار مع السفير الصيني\nمقدمة قصيرة.\nس: لماذا؟\nج: لأن.\nس: حقا؟\nج: نعم.\n");
    assert_eq!(interview.title, "حوار مع السفير الصيني");
    assert_eq!(interview.intro, ["مقدمة قصيرة."]);
    assert_eq!(interview.exchanges.len(), 2);
    // A headline in quotes, or straight before the first question.
    let interview = parse("«عشر سنوات من الحزام والطريق»\nس: لماذا؟\nج: لأن.\nس: حقا؟\nج: نعم.\n");
    assert_eq!(interview.title, "«عشر سنوات من الحزام والطريق»");
    assert!(interview.intro.is_empty());
    // Not a headline: a sentence, a long line, or no interview after it.
    for text in [
        "هذه مقدمة.\nس: لماذا؟\nج: لأن.\nس: حقا؟\nج: نعم.\n",
        "ما رأيك؟\nس: لماذا؟\nج: لأن.\nس: حقا؟\nج: نعم.\n",
        &format!(
            "{}\nس: لماذا؟\nج: لأن.\nس: حقا؟\nج: نعم.\n",
            "كلمة ".repeat(25)
        ),
        "عنوان\nنص بلا متحدثين\n",
    ] {
        let interview = parse(text);
        assert_eq!(interview.title, "ar", "{text}");
    }
}

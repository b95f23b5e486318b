use super::*;

fn w(s: &str) -> Vec<String> {
    s.split(' ').map(str::to_owned).collect()
}

fn word_terms(plan: &SearchPlan) -> Vec<String> {
    plan.terms.iter().map(|t| t.phrases.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("|")).collect()
}

#[test]
fn words_fold_split_and_write_variants_one_way() {
    assert_eq!(words("Đăng ký kết hôn"), w("dang ki ket hon"));
    assert_eq!(words("dang ki ket hon"), w("dang ki ket hon"));
    assert_eq!(words("ĐĂNG KÝ, kết-hôn!"), w("dang ki ket hon"));
    assert_eq!(words("Lý lịch tư pháp"), words("lí lịch tư pháp"));
    assert_eq!(words("quý"), words("quí"));
    assert_eq!(words("1.001193"), w("1 001193"));
    assert!(words(" ,.;").is_empty());
}

#[test]
fn a_y_after_a_vowel_or_alone_is_not_a_variant() {
    assert_eq!(words("tuy"), w("tuy"), "uy is its own sound");
    assert_eq!(words("Y tế"), w("y te"));
    assert_eq!(words("hay"), w("hay"));
    assert_eq!(canonical_syllable("ky"), "ki");
    assert_eq!(canonical_syllable("my"), "mi");
    assert_eq!(canonical_syllable("quy"), "qui");
    assert_eq!(canonical_syllable("duy"), "duy");
}

#[test]
fn filler_words_are_dropped_unless_nothing_else_is_left() {
    assert_eq!(word_terms(&plan("làm giấy khai sinh", &[])), w("giay khai sinh"));
    assert_eq!(word_terms(&plan("thủ tục xin giấy phép xây dựng như thế nào", &[])), w("giay phep xay dung"));
    assert_eq!(word_terms(&plan("thủ tục", &[])), w("thu tuc"), "only filler: searched as typed");
    assert!(!plan("không có thủ tục này", &[]).partial_allowed, "filler alone must match whole");
    assert!(plan("khai sinh", &[]).partial_allowed);
    assert!(!plan("khai", &[]).partial_allowed, "one term: all or nothing");
    assert!(plan("?!", &[]).is_empty());
}

#[test]
fn a_synonym_phrase_matches_any_phrase_of_its_group_longest_first() {
    let groups = parse_synonyms("sổ đỏ, sổ hồng, quyền sử dụng đất\ngiấy khai sinh, khai sinh").unwrap();
    let p = plan("lam so do lan dau", &groups);
    assert_eq!(word_terms(&p), vec!["so do|so hong|quyen su dung dat".to_owned(), "lan".into(), "dau".into()]);
    let p = plan("cấp giấy khai sinh", &groups);
    assert_eq!(word_terms(&p), vec!["cap".to_owned(), "giay khai sinh|khai sinh".into()]);
    assert_eq!(
        word_terms(&plan("so do so do", &groups)),
        vec!["so do|so hong|quyen su dung dat".to_owned()],
        "no repeats"
    );
}

#[test]
fn long_queries_keep_their_first_terms() {
    let long = (0..40).map(|i| format!("tu{i}")).collect::<Vec<_>>().join(" ");
    let p = plan(&long, &[]);
    assert_eq!(p.terms.len(), MAX_TERMS);
    assert_eq!(word_terms(&p)[0], "tu0");
}

#[test]
fn the_synonym_list_reports_every_bad_line_at_once() {
    let errors = parse_synonyms("# comment\nsổ đỏ, quyền sử dụng đất\nchỉ một cụm\n\n, ,\nđược, ✓").unwrap_err();
    let lines: Vec<&str> = errors.iter().map(|e| e.message_vi.split(':').next().unwrap()).collect();
    assert_eq!(lines, ["Dòng 3", "Dòng 5", "Dòng 6"]);
    assert!(errors.iter().all(|e| e.code == "synonym_line_invalid"));
    assert!(errors[0].message_vi.contains("Dòng 3"), "{}", errors[0].message_vi);
    assert!(errors[2].message_en.contains("no letter"), "{}", errors[2].message_en);
}

#[test]
fn the_synonym_list_round_trips_through_its_text() {
    let text = "sổ đỏ, sổ hồng, quyền sử dụng đất\ncăn cước, CCCD";
    let groups = parse_synonyms(text).unwrap();
    assert_eq!(format_synonyms(&groups), text);
    assert_eq!(parse_synonyms(&format_synonyms(&groups)).unwrap(), groups);
}

#[test]
fn more_terms_then_the_terms_in_the_name_then_the_shortest_name_answer_best() {
    let p = plan("dang ky tam tru", &[]);
    let key = |name: &str, other: &str| answer_key(&p, &words(name), &words(other));
    let base = key("Đăng ký tạm trú", "Đăng ký, quản lý cư trú");
    let variant = key("Đăng ký tạm trú tạm dừng cấp tỉnh", "Đăng ký, quản lý cư trú");
    assert_eq!(base, (0, 0, 0));
    assert_eq!(variant, (0, 0, 3), "\"dừng cấp tỉnh\" beyond the query (\"tạm\" is one of its words)");
    assert!(base < variant);
    // A term found only in the field counts, after one in the name.
    let field_only = key("Tạm trú", "Đăng ký, quản lý cư trú");
    assert_eq!(field_only, (0, 2, 0));
    assert!(variant < field_only);
    // Fewer terms anywhere loses to any number of extra words.
    let p = plan("khai sinh nuoc ngoai nguoi", &[]);
    let key = |name: &str| answer_key(&p, &words(name), &[]);
    assert!(
        key("Đăng ký khai sinh có yếu tố nước ngoài") < key("Cấp giấy phép lao động cho người lao động nước ngoài")
    );
    // Synonym phrases count as their term.
    let groups = parse_synonyms("sổ đỏ, quyền sử dụng đất").unwrap();
    let p = plan("so do", &groups);
    assert_eq!(answer_key(&p, &words("Đăng ký biến động quyền sử dụng đất"), &[]), (0, 0, 4));
}

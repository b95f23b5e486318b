//! The built-in templates: Vietnamese first, English second, and a short
//! Vietnamese text for SMS. Wording follows the one-stop slips (phiếu
//! tiếp nhận và hẹn trả kết quả, phiếu yêu cầu bổ sung, văn bản xin lỗi và
//! hẹn lại ngày trả); a test holds every template to its kind's variables.

use motcua_rules::notice::NoticeKind;

/// The texts of one kind of notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Texts {
    pub subject_vi: &'static str,
    pub body_vi: &'static str,
    pub subject_en: &'static str,
    pub body_en: &'static str,
    /// One short SMS (Vietnamese only: an SMS is paid per segment).
    pub sms_vi: &'static str,
}

impl Texts {
    pub fn all(&self) -> [&'static str; 5] {
        [self.subject_vi, self.body_vi, self.subject_en, self.body_en, self.sms_vi]
    }
}

/// The built-in texts of `kind`.
pub fn texts(kind: NoticeKind) -> Texts {
    match kind {
        NoticeKind::Received => Texts {
            subject_vi: "Hồ sơ {dossier_code} đã được tiếp nhận",
            body_vi: "Kính gửi {applicant_name},\n\n{unit_name} đã tiếp nhận hồ sơ {dossier_code} ({procedure_name}) \
                      lúc {received_at}.\nNgày hẹn trả kết quả: {due_date}.\n\nTra cứu tình trạng hồ sơ: {lookup_url}",
            subject_en: "Dossier {dossier_code} has been received",
            body_en: "Dear {applicant_name},\n\n{unit_name} received dossier {dossier_code} ({procedure_name}) at \
                      {received_at}.\nThe result is due on {due_date}.\n\nTrack the dossier: {lookup_url}",
            sms_vi: "{unit_name}: da tiep nhan ho so {dossier_code}, hen tra ket qua {due_date}.",
        },
        NoticeKind::SupplementRequested => Texts {
            subject_vi: "Hồ sơ {dossier_code} cần bổ sung",
            body_vi: "Kính gửi {applicant_name},\n\nHồ sơ {dossier_code} ({procedure_name}) cần được bổ sung, \
                      hoàn thiện:\n{note}\n\nThời gian chờ bổ sung không tính vào thời hạn giải quyết.\n\
                      Tra cứu tình trạng hồ sơ: {lookup_url}",
            subject_en: "Dossier {dossier_code} needs a supplement",
            body_en: "Dear {applicant_name},\n\nDossier {dossier_code} ({procedure_name}) needs to be supplemented:\n\
                      {note}\n\nThe time it waits for the supplement does not count towards its time limit.\n\
                      Track the dossier: {lookup_url}",
            sms_vi: "{unit_name}: ho so {dossier_code} can bo sung. Xem chi tiet: {lookup_url}",
        },
        NoticeKind::PaymentRequested => Texts {
            subject_vi: "Hồ sơ {dossier_code}: đề nghị thực hiện nghĩa vụ tài chính",
            body_vi: "Kính gửi {applicant_name},\n\nĐể tiếp tục giải quyết hồ sơ {dossier_code} ({procedure_name}), \
                      đề nghị Ông/Bà nộp phí, lệ phí theo quy định.\n{note}\n\nTra cứu tình trạng hồ sơ: {lookup_url}",
            subject_en: "Dossier {dossier_code}: payment requested",
            body_en: "Dear {applicant_name},\n\nTo continue handling dossier {dossier_code} ({procedure_name}), please \
                      pay the fees and charges due.\n{note}\n\nTrack the dossier: {lookup_url}",
            sms_vi: "{unit_name}: ho so {dossier_code} can nop phi, le phi. Xem chi tiet: {lookup_url}",
        },
        NoticeKind::ResultReady => Texts {
            subject_vi: "Hồ sơ {dossier_code} đã có kết quả",
            body_vi: "Kính gửi {applicant_name},\n\nHồ sơ {dossier_code} ({procedure_name}) đã giải quyết xong. \
                      Mời Ông/Bà nhận kết quả tại {unit_name} (ngày hẹn trả: {due_date}).\n\n\
                      Tra cứu tình trạng hồ sơ: {lookup_url}",
            subject_en: "The result of dossier {dossier_code} is ready",
            body_en: "Dear {applicant_name},\n\nDossier {dossier_code} ({procedure_name}) has been handled. Please \
                      collect the result at {unit_name} (due on {due_date}).\n\nTrack the dossier: {lookup_url}",
            sms_vi: "{unit_name}: ho so {dossier_code} da co ket qua, moi Ong/Ba den nhan.",
        },
        NoticeKind::Rescheduled => Texts {
            subject_vi: "Xin lỗi và hẹn lại ngày trả kết quả hồ sơ {dossier_code}",
            body_vi: "Kính gửi {applicant_name},\n\n{unit_name} xin lỗi Ông/Bà vì hồ sơ {dossier_code} \
                      ({procedure_name}) không trả được kết quả đúng ngày hẹn {old_due_date}.\nLý do: {note}\n\
                      Ngày hẹn trả kết quả mới: {new_due_date}.\n\nTra cứu tình trạng hồ sơ: {lookup_url}",
            subject_en: "Apology and new date for dossier {dossier_code}",
            body_en: "Dear {applicant_name},\n\n{unit_name} apologises: the result of dossier {dossier_code} \
                      ({procedure_name}) will not be ready on {old_due_date} as promised.\nReason: {note}\n\
                      The new date is {new_due_date}.\n\nTrack the dossier: {lookup_url}",
            sms_vi: "{unit_name} xin loi: ho so {dossier_code} hen lai ngay tra ket qua {new_due_date}.",
        },
        NoticeKind::StepDueSoon => Texts {
            subject_vi: "Sắp đến hạn: hồ sơ {dossier_code}, bước {step_name}",
            body_vi: "Hồ sơ {dossier_code} ({procedure_name}) ở bước {step_name} tại {step_unit} \
                      đến hạn lúc {step_due}.",
            subject_en: "Due soon: dossier {dossier_code}, step {step_name}",
            body_en: "Dossier {dossier_code} ({procedure_name}) is due at step {step_name} of {step_unit} \
                      at {step_due}.",
            sms_vi: "Sap den han: ho so {dossier_code} buoc {step_name}, han {step_due}.",
        },
        NoticeKind::StepOverdue => Texts {
            subject_vi: "Quá hạn: hồ sơ {dossier_code}, bước {step_name}",
            body_vi: "Hồ sơ {dossier_code} ({procedure_name}) đã quá hạn ở bước {step_name} tại {step_unit} \
                      (hạn {step_due}). Đề nghị lãnh đạo đơn vị đôn đốc xử lý.",
            subject_en: "Overdue: dossier {dossier_code}, step {step_name}",
            body_en: "Dossier {dossier_code} ({procedure_name}) is overdue at step {step_name} of {step_unit} \
                      (due {step_due}). Please see that it is handled.",
            sms_vi: "Qua han: ho so {dossier_code} buoc {step_name} tai {step_unit}, han {step_due}.",
        },
        NoticeKind::StepOverdueSecond => Texts {
            subject_vi: "Quá hạn kéo dài: hồ sơ {dossier_code}, bước {step_name}",
            body_vi: "Hồ sơ {dossier_code} ({procedure_name}) vẫn quá hạn ở bước {step_name} tại {step_unit} \
                      (hạn {step_due}). Đề nghị lãnh đạo cấp trên chỉ đạo xử lý.",
            subject_en: "Still overdue: dossier {dossier_code}, step {step_name}",
            body_en: "Dossier {dossier_code} ({procedure_name}) is still overdue at step {step_name} of \
                      {step_unit} (due {step_due}). Please direct its handling.",
            sms_vi: "Van qua han: ho so {dossier_code} buoc {step_name} tai {step_unit}, han {step_due}.",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::check;

    #[test]
    fn every_built_in_template_names_only_its_kinds_variables() {
        for kind in NoticeKind::ALL {
            for text in texts(kind).all() {
                check(kind, text).unwrap_or_else(|e| panic!("{kind:?}: {e} in {text:?}"));
                assert!(!text.trim().is_empty(), "{kind:?}");
            }
        }
    }

    #[test]
    fn sms_texts_fit_one_message_before_their_values() {
        for kind in NoticeKind::ALL {
            let sms = texts(kind).sms_vi;
            assert!(sms.is_ascii(), "{kind:?}: an SMS is written without diacritics");
            assert!(sms.len() <= 100, "{kind:?}: {} characters", sms.len());
        }
    }
}

# PAR INDEX and SIPAS: frameworks, campaigns, appraisal, surveys (issue #4).

role-reform_officer = Cán bộ cải cách hành chính

## Navigation
rf-nav-campaigns = Chỉ số CCHC
rf-nav-frameworks = Bộ tiêu chí
rf-nav-sipas = Khảo sát SIPAS

## Campaigns
rf-campaigns-title = Đánh giá Chỉ số cải cách hành chính
rf-campaigns-lead = Các đợt đánh giá Chỉ số CCHC hằng năm: đơn vị tự đánh giá, cơ quan đánh giá thẩm định, công bố kết quả xếp hạng.
rf-campaigns-list = Các đợt đánh giá
rf-campaigns-none = Chưa có đợt đánh giá nào.
rf-campaign-add = Tạo đợt đánh giá
rf-campaign-add-button = Tạo đợt đánh giá
rf-campaign-name = Tên đợt đánh giá
rf-need-framework = Cần có bộ tiêu chí trước khi tạo đợt đánh giá.
rf-framework = Bộ tiêu chí
rf-year = Năm
rf-status = Trạng thái
rf-deadline = Hạn gửi tự đánh giá
rf-deadline-passed = đã quá hạn
rf-period = Kỳ tính số liệu
rf-period-to = Đến ngày
rf-period-hint = Các tiêu chí tính tự động (tỷ lệ hồ sơ đúng hạn, trực tuyến) đếm hồ sơ trong kỳ này.
rf-peer-units = Đơn vị được đánh giá
rf-peer-units-hint = Chỉ xếp hạng các đơn vị cùng loại (sở, ngành hoặc xã, phường) với nhau.
rf-status-draft = Đang chuẩn bị
rf-status-open = Đơn vị đang tự đánh giá
rf-status-appraising = Đang thẩm định
rf-status-published = Đã công bố
rf-advance-open = Mở cho đơn vị tự đánh giá
rf-advance-appraising = Khóa tự đánh giá, bắt đầu thẩm định
rf-advance-published = Công bố kết quả
rf-fill = Lấy số liệu tự động và kết quả SIPAS
rf-fill-hint = Tiêu chí tính tự động lấy số hồ sơ của motcua trong kỳ; tiêu chí điều tra xã hội học lấy Chỉ số SIPAS của năm. Số liệu motcua không có (thanh toán trực tuyến, số hóa, giải ngân) do cơ quan đánh giá nhập.
rf-submitted-count = Đã gửi tự đánh giá
rf-unit = Đơn vị
rf-submission = Gửi tự đánh giá
rf-submitted = Đã gửi
rf-not-submitted = Chưa gửi
rf-late = Gửi sau hạn
rf-results-link = Kết quả, xếp hạng
rf-audit = Nhật ký thay đổi
rf-audit-hint = Mọi thay đổi điểm, trạng thái và minh chứng, ai làm và lúc nào (điểm trước và sau có trong API).
rf-audit-at = Thời gian
rf-audit-action = Việc
rf-audit-entity = Đối tượng
rf-audit-actor = Người thực hiện

## A unit's sheet
rf-sheet-title = Phiếu chấm điểm
rf-self-hint = Tự chấm từng tiêu chí (số điểm không vượt điểm tối đa, tối đa hai chữ số thập phân), ghi chú và tải minh chứng, rồi gửi tự đánh giá.
rf-appraise-hint = Thẩm định từng tiêu chí; nếu điểm thẩm định khác điểm tự chấm thì phải ghi lý do, đơn vị sẽ thấy lý do này.
rf-item = Tiêu chí
rf-max = Điểm tối đa
rf-method = Cách chấm
rf-method-self_assessed = Tự đánh giá, thẩm định
rf-method-survey = Điều tra xã hội học
rf-method-computed = Tính từ số liệu
rf-method-bonus = Điểm thưởng
rf-method-penalty = Điểm trừ
rf-entered = Điểm, số liệu đã nhập
rf-appraised = Điểm thẩm định
rf-self-score = Điểm tự chấm
rf-note = Ghi chú, giải trình
rf-save = Lưu
rf-appraise = Thẩm định
rf-reason = Lý do
rf-reason-hint = Lý do (bắt buộc khi thay đổi điểm)
rf-numerator = Tử số
rf-denominator = Mẫu số
rf-sipas-percent = Chỉ số SIPAS (%)
rf-points = Điểm
rf-self-index = Điểm tự đánh giá
rf-appraised-index = Điểm sau thẩm định
rf-report-link = Báo cáo của đơn vị
rf-evidence-add = Tài liệu minh chứng
rf-evidence-file = Tệp minh chứng
rf-evidence-hint = PDF, JPEG, PNG hoặc Word (.docx), tối đa 10 MB; loại tệp được kiểm tra theo nội dung.
rf-evidence-upload = Tải lên
rf-submit = Gửi tự đánh giá

## Results and report
rf-results-title = Kết quả Chỉ số CCHC
rf-results-provisional = kết quả tạm thời, chỉ gồm đơn vị đã thẩm định xong
rf-compared-with = So với kết quả năm { $year }
rf-rank = Xếp hạng
rf-index = Chỉ số
rf-band = Xếp loại
rf-rank-change = Thay đổi thứ hạng
rf-rank-up = tăng { $n } bậc
rf-rank-down = giảm { $n } bậc
rf-rank-same = giữ nguyên
rf-rank-of = { $rank }/{ $count }
rf-area = Lĩnh vực
rf-area-short = LV{ $code }
rf-areas = Các lĩnh vực
rf-worst-areas = Mất nhiều điểm nhất
rf-pending-units = Đơn vị chưa có kết quả
rf-download-xlsx = Tải bảng xếp hạng (Excel)
rf-download-csv = Tải CSV
rf-chart-average-title = Điểm trung bình theo lĩnh vực của { $count } đơn vị
rf-chart-average-lead = Mỗi thanh là điểm trung bình của các đơn vị trong bảng so với điểm tối đa của lĩnh vực; dưới thanh là đơn vị thấp nhất, để biết lĩnh vực nào cả tỉnh còn yếu và đơn vị nào cần hỗ trợ trước.
rf-chart-lowest = Thấp nhất: { $points } ({ $unit })
rf-chart-adjustments-average = Chỉ có điểm thưởng, điểm trừ; trung bình { $points }
rf-chart-unit-title = Điểm theo lĩnh vực
rf-chart-unit-lead = Mỗi thanh là điểm đạt được (sau thẩm định, cộng điểm điều tra xã hội học) so với điểm tối đa của lĩnh vực; phần còn trống là điểm bị mất.
rf-chart-peer-average = Trung bình { $count } đơn vị: { $points }
rf-chart-adjustments = Điểm thưởng, điểm trừ: { $points }
rf-report-title = Báo cáo Chỉ số CCHC
rf-report-pending = Chưa có kết quả:
rf-lost = Điểm bị trừ
rf-points-change = So với năm trước
rf-losses = Các lĩnh vực mất điểm, từ nhiều nhất

## Frameworks
rf-frameworks-title = Bộ tiêu chí Chỉ số CCHC
rf-frameworks-lead = Bộ tiêu chí gồm lĩnh vực, tiêu chí, tiêu chí thành phần với điểm tối đa, hướng dẫn chấm và cách chấm. Mỗi lần sửa là một phiên bản mới; đợt đánh giá giữ phiên bản đã dùng.
rf-frameworks-list = Các phiên bản
rf-frameworks-none = Chưa có bộ tiêu chí nào.
rf-code-version = Mã, phiên bản
rf-level = Cấp đánh giá
rf-level-ministry = Bộ, ngành
rf-level-province = Tỉnh, thành phố
rf-level-department = Sở, ban, ngành
rf-level-district = Huyện (trước 01/7/2025)
rf-level-commune = Xã, phường, đặc khu
rf-export = Tải JSON
rf-edit-json = Sửa dạng JSON
rf-framework-import = Nhập bộ tiêu chí (JSON)
rf-templates = Mẫu có sẵn:
rf-template-department = Sở, ban, ngành
rf-template-commune = Xã, phường
rf-framework-json = Bộ tiêu chí dạng JSON
rf-framework-json-hint = Điểm tối đa của tiêu chí cha phải bằng tổng điểm các tiêu chí con; hệ thống báo đúng chỗ sai.
rf-framework-save = Lưu phiên bản
rf-published-import = Nhập kết quả đã công bố các năm trước (CSV)
rf-published-hint = Các cột bắt buộc: year, unit_code, unit_name, par_index, rank; thêm area:<mã>:points để so sánh từng lĩnh vực. Dùng để tính thay đổi so với năm trước.
rf-published-button = Nhập CSV

## SIPAS
rf-sipas-title = Khảo sát sự hài lòng (SIPAS)
rf-sipas-lead = Phiếu khảo sát theo năm, đường dẫn khảo sát dùng một lần, nhập phiếu giấy, tính Chỉ số hài lòng và cỡ mẫu.
rf-designs = Phiếu khảo sát
rf-designs-none = Chưa có phiếu khảo sát nào.
rf-questions-count = { $count } câu hỏi
rf-design-from-template = Tạo phiếu theo mẫu 5 yếu tố
rf-design-hint = Mẫu gồm 5 yếu tố của dịch vụ hành chính công; câu hỏi đánh dấu "soạn thảo" cần đối chiếu với phiếu chính thức.
rf-planner = Tính cỡ mẫu (công thức Slovin)
rf-planner-hint = n = N / (1 + N·e²): N là số hồ sơ của đơn vị trong năm, e là sai số cho phép (mặc định 5%).
rf-population = Tổng thể N
rf-population-or-unit = Hoặc chọn đơn vị và năm để lấy số hồ sơ tiếp nhận trong năm.
rf-margin = Sai số (%)
rf-plan = Tính cỡ mẫu
rf-plan-result = Với N = { $population }, cần khảo sát { $sample } phiếu
rf-sipas-index = Chỉ số hài lòng
rf-show = Xem
rf-respondents = { $count } phiếu trả lời
rf-sipas-overall = Chỉ số chung
rf-aggregation-note = Cách gộp: trung bình các câu trong yếu tố, rồi trung bình các yếu tố (mặc định, chưa xác nhận được quy định chính thức; có thể cấu hình).
rf-element = Yếu tố
rf-answers = Số câu trả lời
rf-satisfied-share = Tỷ lệ hài lòng
rf-per-question = Theo từng câu hỏi
rf-links = Đường dẫn khảo sát dùng một lần
rf-links-hint = Mỗi đường dẫn hoặc mã QR của nó chỉ trả lời được một lần, không cần đăng nhập, không hỏi thông tin cá nhân. Mã QR hiện khi máy chủ có địa chỉ công khai (MOTCUA_PUBLIC_URL).
rf-links-once = Các đường dẫn chỉ hiện một lần này; hệ thống chỉ lưu mã băm của chúng.
rf-link-count = Số đường dẫn
rf-links-issue = Tạo đường dẫn
rf-paper = Nhập phiếu giấy
rf-paper-hint = Nhập từng phiếu; câu bỏ trống là câu người trả lời không chọn.
rf-skipped = — Bỏ trống —
rf-paper-save = Lưu phiếu

## Public survey
rf-survey-title = Phiếu khảo sát sự hài lòng
rf-survey-lead = Ý kiến của Ông/Bà về việc giải quyết thủ tục hành chính tại { $unit } năm { $year }.
rf-survey-privacy = Phiếu không hỏi và không lưu họ tên, số điện thoại hay thông tin cá nhân nào. Có thể bỏ qua câu không muốn trả lời.
rf-survey-send = Gửi phiếu
rf-survey-thanks = Cảm ơn Ông/Bà đã trả lời phiếu khảo sát.

## Notices after a form
notice-rf-campaign-created = Đã tạo đợt đánh giá.
notice-rf-status-changed = Đã chuyển trạng thái đợt đánh giá.
notice-rf-filled = Đã lấy số liệu tự động và kết quả SIPAS.
notice-rf-saved = Đã lưu.
notice-rf-submitted = Đã gửi tự đánh giá.
notice-rf-evidence-added = Đã tải minh chứng lên.
notice-rf-framework-saved = Đã lưu phiên bản bộ tiêu chí.
notice-rf-published-imported = Đã nhập kết quả đã công bố.
notice-rf-design-created = Đã tạo phiếu khảo sát.
notice-rf-paper-saved = Đã lưu phiếu giấy.

## Per-dossier evaluations
rf-evaluations-title = Đánh giá việc giải quyết từng hồ sơ
rf-evaluations-lead = Người dân chấm 9 tiêu chí, mỗi tiêu chí tối đa 2 điểm (tổng 18), khi nhận kết quả; tổng hợp theo đơn vị tiếp nhận hoặc cán bộ tiếp nhận hồ sơ.
rf-by-unit = Theo đơn vị
rf-by-officer = Theo cán bộ tiếp nhận
rf-officer = Cán bộ
rf-evaluations-count = Số hồ sơ được đánh giá
rf-mean-total = Điểm bình quân
rf-evaluation-bands-note = Xếp loại theo mức của Thanh Hóa (chưa đối chiếu quy định chung); điểm của từng mức đánh giá là mặc định chưa xác nhận.
rf-evaluations-none = Chưa có đánh giá nào.

## sheet, audit, framework form, cards
rf-sheet-self-hint = Nhập điểm tự chấm của từng tiêu chí (không vượt điểm tối đa, tối đa hai chữ số thập phân, dùng dấu phẩy: 1,5) và ghi chú, rồi bấm Lưu một lần cho cả phiếu. Dòng để trống là dòng chưa chấm.
rf-sheet-appraise-hint = Nhập điểm thẩm định của từng tiêu chí; chỉ dòng có điểm khác điểm đơn vị tự chấm mới cần ghi lý do (đơn vị sẽ thấy lý do này). Dòng để trống là dòng chưa thẩm định.
rf-sheet-save = Lưu phiếu
rf-sheet-save-submit = Lưu và gửi tự đánh giá…
rf-sheet-agree = Đồng ý điểm tự chấm ở các dòng còn trống và lưu
rf-sheet-rows-refused = { $count } dòng cần sửa; chưa dòng nào được lưu, những gì đã nhập vẫn còn trên phiếu.
rf-guide = Hướng dẫn chấm
rf-unit-gave = đơn vị tự chấm
rf-reason-when = (chỉ khi khác điểm tự chấm)
rf-draft-saved-at = Đã lưu nháp lúc { $time }
rf-draft-failed = Chưa lưu được bản nháp; hãy bấm Lưu phiếu.
rf-draft-restored = Đang hiện bản nháp lưu lúc { $time }, chưa được lưu vào phiếu. Bấm Lưu phiếu để lưu.
rf-draft-discard = Bỏ bản nháp
rf-evidence-save-first = Lưu phiếu trước khi tải minh chứng để không mất điểm vừa nhập.
rf-submit-title = Gửi tự đánh giá
rf-back-to-sheet = Quay lại phiếu chấm điểm
rf-not-submitted-yet = Chưa gửi được.
rf-campaign = Đợt đánh giá
rf-scored-items = Tiêu chí đã tự chấm
rf-submit-missing = Còn { $count } tiêu chí chưa tự chấm; chấm đủ rồi mới gửi được:
rf-submit-warning = Sau khi gửi, đơn vị không sửa được điểm tự chấm, ghi chú và minh chứng nữa; cơ quan thường trực cải cách hành chính sẽ thẩm định. Bạn có chắc muốn gửi?
rf-submit-confirm = Xác nhận gửi tự đánh giá
rf-submit-cancel = Chưa gửi, quay lại phiếu
notice-rf-sheet-saved = Đã lưu phiếu chấm điểm.
notice-rf-sheet-unchanged = Phiếu không có thay đổi nào cần lưu.
notice-rf-draft-discarded = Đã bỏ bản nháp; phiếu hiện điểm đã lưu.
rf-index-col = Chỉ số CCHC (%)
rf-ranking-scroll-hint = Di chuột lên tên lĩnh vực để xem tên đầy đủ; trên màn hình hẹp, kéo ngang trong bảng để xem hết các cột.
rf-area-n = LV { $code }

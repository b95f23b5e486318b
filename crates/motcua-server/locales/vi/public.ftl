# Pages: the public portal (catalogue, online submission, my dossiers,
# look-up, rating, feedback). Ids start with "pub-" (notices with "notice-").

notice-dossier-submitted = Đã nộp hồ sơ trực tuyến. Bộ phận Một cửa sẽ kiểm tra và tiếp nhận; mã hồ sơ và ngày hẹn trả kết quả được cấp khi hồ sơ được tiếp nhận.

pub-currency = đồng
pub-form-has-error = Chưa gửi được.
pub-pager-label = Chuyển trang
pub-dossier-code = Mã hồ sơ
pub-dossier-status = Trạng thái
pub-dossier-channel = Hình thức nộp
pub-dossier-receiving-unit = Nơi tiếp nhận
pub-dossier-submitted = Ngày nộp
pub-dossier-received = Ngày tiếp nhận
pub-dossier-due = Ngày hẹn trả kết quả
pub-dossier-finished-done = Ngày giải quyết xong
pub-dossier-finished-refused = Ngày từ chối tiếp nhận
pub-dossier-finished-withdrawn = Ngày rút hồ sơ
pub-dossier-finished-stopped = Ngày dừng xử lý
pub-dossier-returned = Ngày trả kết quả
pub-dossier-timeline = Quá trình giải quyết

# Online service levels (Nghị định 42/2022/NĐ-CP), implementing levels, time limits
pub-online-full = Toàn trình
pub-online-partial = Một phần
pub-online-none = Không (nộp trực tiếp)
pub-level-central = Cấp trung ương
pub-level-province = Cấp tỉnh
pub-level-department = Cấp sở, ngành
pub-level-district = Cấp huyện
pub-level-commune = Cấp xã
pub-limit-working-days = { $n } ngày làm việc
pub-limit-working-days-one = { $n } ngày làm việc
pub-limit-working-hours = { $n } giờ làm việc
pub-limit-working-hours-one = { $n } giờ làm việc
pub-limit-days = { $n } ngày
pub-limit-days-one = { $n } ngày
pub-limit-months = { $n } tháng
pub-limit-months-one = { $n } tháng
pub-publication-published = Đang công khai
pub-publication-amended = Đang công khai (sửa đổi, bổ sung)
pub-publication-abolished = Đã bãi bỏ
pub-timeliness-early = Trước hạn
pub-timeliness-on-time = Đúng hạn
pub-timeliness-late = Quá hạn
pub-timeliness-within = Đang trong hạn
pub-timeliness-overdue = Quá hạn

# Home: the catalogue
pub-home-title = Thủ tục hành chính
pub-home-lead = Tìm thủ tục hành chính, nộp hồ sơ trực tuyến, theo dõi hồ sơ và gửi phản ánh, kiến nghị.
pub-home-search-heading = Tìm thủ tục
pub-home-search-label = Tên hoặc mã thủ tục
pub-home-search-hint = Gõ như cách bạn vẫn nói, có dấu hay không dấu, ví dụ: làm giấy khai sinh, sổ đỏ.
pub-home-all-fields = Tất cả lĩnh vực
pub-home-online-only = Chỉ thủ tục có dịch vụ công trực tuyến
pub-home-clear = Xóa điều kiện tìm
pub-home-services = Dịch vụ cho người dân, doanh nghiệp
pub-home-link-lookup = Tra cứu hồ sơ
pub-home-link-lookup-text = Hồ sơ đang ở bước nào: nhập mã hồ sơ trên giấy tiếp nhận.
pub-home-link-my = Hồ sơ của tôi
pub-home-link-my-text = Đăng nhập để xem hồ sơ bạn đã nộp trực tuyến.
pub-home-link-feedback = Phản ánh, kiến nghị
pub-home-link-feedback-text = Phản ánh về quy định hành chính và việc giải quyết thủ tục.
pub-home-results = Kết quả tìm kiếm
pub-home-catalog = Danh mục thủ tục hành chính
pub-home-no-results = Không tìm thấy thủ tục nào. Hãy thử từ khóa ngắn hơn hoặc chọn "Tất cả lĩnh vực".
pub-home-found = Tìm thấy { $count } thủ tục, thủ tục phù hợp nhất ở đầu danh sách.
pub-home-catalog-count = Danh mục có { $count } thủ tục.
pub-home-some-words = Không có thủ tục nào chứa mọi từ đã gõ; dưới đây là các thủ tục chứa một số từ.

# One procedure
pub-proc-back = ← Danh mục thủ tục
pub-proc-name = Tên thủ tục
pub-proc-code = Mã thủ tục
pub-proc-field = Lĩnh vực
pub-proc-level = Cấp thực hiện
pub-proc-online = Dịch vụ công trực tuyến
pub-proc-time-limit = Thời hạn giải quyết
pub-proc-agency = Cơ quan thực hiện
pub-proc-applicants = Đối tượng thực hiện
pub-proc-result = Kết quả thực hiện
pub-proc-publication = Tình trạng công bố
pub-proc-decision = Quyết định công bố số { $number }
pub-proc-effective-from = có hiệu lực từ ngày { $date }
pub-proc-effective-to = hiệu lực đến hết ngày { $date }
pub-proc-updated = Cập nhật lần cuối
pub-proc-not-given = Chưa cập nhật
pub-proc-abolished = Thủ tục này đã bị bãi bỏ và không còn tiếp nhận hồ sơ.
pub-proc-not-in-force = Thủ tục này hiện chưa có hoặc đã hết hiệu lực; chưa tiếp nhận hồ sơ.
pub-proc-apply = Nộp hồ sơ
pub-proc-apply-online-text = Thủ tục này nhận hồ sơ trực tuyến: khai thông tin, đính kèm bản điện tử các giấy tờ, rồi theo dõi hồ sơ trên cổng.
pub-proc-submit-online = Nộp hồ sơ trực tuyến
pub-proc-submit-login-hint = Cần đăng nhập bằng tài khoản công dân.
pub-proc-apply-counter-too = Bạn cũng có thể nộp trực tiếp tại Bộ phận Một cửa ({ $agency }) hoặc qua dịch vụ bưu chính công ích.
pub-proc-apply-counter-only = Thủ tục này chưa cung cấp dịch vụ công trực tuyến. Xin nộp hồ sơ trực tiếp tại Bộ phận Một cửa ({ $agency }) hoặc qua dịch vụ bưu chính công ích.
pub-proc-apply-none = Hiện không tiếp nhận hồ sơ của thủ tục này.
pub-proc-facts = Thông tin chung
pub-proc-steps = Trình tự thực hiện
pub-proc-step-submit = Tổ chức, cá nhân nộp hồ sơ theo một trong các cách thức thực hiện dưới đây.
pub-proc-step-receive = Bộ phận Một cửa kiểm tra hồ sơ: hồ sơ đầy đủ thì tiếp nhận, cấp giấy tiếp nhận và hẹn ngày trả kết quả; hồ sơ chưa đầy đủ thì hướng dẫn bổ sung.
pub-proc-step-time = { $time }
pub-proc-step-return = Bộ phận Một cửa trả kết quả cho tổ chức, cá nhân.
pub-proc-steps-note = Thời gian ghi sau mỗi bước là phần của thời hạn giải quyết dành cho bước đó.
pub-proc-channels = Cách thức thực hiện
pub-proc-channel-counter-text = nộp tại Bộ phận Một cửa của { $agency }.
pub-proc-channel-online-text = nộp trên cổng dịch vụ công (mức độ: { $level }).
pub-proc-channel-postal-text = gửi hồ sơ qua dịch vụ bưu chính công ích.
pub-proc-components = Thành phần, số lượng hồ sơ
pub-proc-component-name = Tên giấy tờ
pub-proc-component-form = Mẫu đơn, tờ khai
pub-proc-originals = Bản chính
pub-proc-copies = Bản sao
pub-proc-required = Bắt buộc
pub-proc-no-components = Danh mục chưa ghi thành phần hồ sơ của thủ tục này.
pub-proc-forms = Mẫu đơn, tờ khai
pub-proc-forms-text = Tên mẫu đơn, tờ khai (nếu có) ghi ở cột "Mẫu đơn, tờ khai" của bảng trên. Cổng chưa có tệp mẫu để tải về; xin liên hệ Bộ phận Một cửa để được cung cấp mẫu.
pub-proc-fees = Phí, lệ phí
pub-proc-fee-name = Loại phí, lệ phí
pub-proc-fee-amount = Mức thu
pub-proc-fee-note = Ghi chú
pub-proc-no-fees = Danh mục không ghi phí, lệ phí cho thủ tục này.
pub-proc-legal = Căn cứ pháp lý
pub-proc-issued = ban hành ngày { $date }

# Online submission
pub-submit-title = Nộp hồ sơ trực tuyến
pub-submit-back = ← Thông tin thủ tục
pub-submit-required-note = Mục có dấu * là bắt buộc.
pub-submit-applicant = Người nộp hồ sơ
pub-submit-id-number = Số định danh cá nhân / CCCD
pub-submit-id-hint = Căn cước, CCCD: 12 chữ số; CMND cũ: 9 chữ số; hộ chiếu: 8–9 chữ cái và chữ số.
pub-submit-phone = Số điện thoại
pub-submit-phone-hint = Cần ít nhất số điện thoại hoặc số định danh: 4 chữ số cuối của một trong hai dùng để tra cứu hồ sơ.
pub-submit-email = Email
pub-submit-address = Địa chỉ liên hệ
pub-submit-unit = Nơi tiếp nhận hồ sơ
pub-submit-unit-hint = Mặc định là cơ quan thực hiện thủ tục.
pub-submit-components = Thành phần hồ sơ
pub-submit-files-hint = Đánh dấu giấy tờ bạn nộp và đính kèm bản điện tử: tệp PDF, JPEG, PNG hoặc DOCX, mỗi tệp tối đa { $file } MB, tổng cộng tối đa { $total } MB.
pub-submit-files-count = Tối đa { $n } tệp.
pub-submit-component-counts = Bản chính: { $originals } · Bản sao: { $copies }
pub-submit-component-form = Mẫu: { $form }
pub-submit-file-for = Tệp đính kèm cho: { $name }
pub-submit-declaration = Khi bấm "Nộp hồ sơ", bạn cam đoan các thông tin đã khai là đúng sự thật.
pub-submit-button = Nộp hồ sơ
pub-submit-reselect-files = Trình duyệt không giữ lại các tệp đã chọn: xin chọn lại tệp trước khi gửi lại.

# My dossiers
pub-my-title = Hồ sơ của tôi
pub-my-lead = Xem hồ sơ bạn đã nộp: trạng thái, ngày hẹn trả kết quả, quá trình giải quyết và các tệp đã gửi.
pub-my-open-heading = Mở hồ sơ
pub-my-open-label = Mã hồ sơ hoặc số hồ sơ
pub-my-open-hint = Mã hồ sơ in trên giấy tiếp nhận (ví dụ H11.100-260304-0001); hồ sơ chưa được tiếp nhận thì dùng số hồ sơ hiện khi nộp.
pub-my-open-button = Mở hồ sơ
pub-my-none = Bạn chưa nộp hồ sơ trực tuyến nào.
pub-my-col-code = Mã hồ sơ
pub-my-col-procedure = Thủ tục
pub-my-col-submitted = Ngày nộp
pub-my-col-status = Trạng thái
pub-my-col-due = Hẹn trả kết quả
pub-my-find-procedure = Tìm thủ tục để nộp hồ sơ
pub-my-back = ← Hồ sơ của tôi
pub-my-dossier-title = Hồ sơ
pub-my-number = Số hồ sơ
pub-my-no-code-yet = chưa có mã: mã được cấp khi Bộ phận Một cửa tiếp nhận
pub-my-supplement-requested = Cơ quan yêu cầu bổ sung, hoàn thiện hồ sơ. Thời hạn giải quyết tạm dừng cho đến khi bạn bổ sung.
pub-my-rate-invite = Hồ sơ đã trả kết quả. Xin bạn dành một phút đánh giá việc giải quyết.
pub-my-rate-link = Đánh giá
pub-my-facts = Tình trạng hồ sơ
pub-my-components = Thành phần hồ sơ đã nộp
pub-my-files = Tệp đã gửi
pub-my-no-files = Không có tệp đính kèm.
pub-my-file-name = Tệp
pub-my-file-component = Giấy tờ
pub-my-file-size = Dung lượng
pub-my-file-at = Thời điểm gửi

# Status look-up
pub-lookup-title = Tra cứu hồ sơ
pub-lookup-lead = Nhập mã hồ sơ in trên giấy tiếp nhận và 4 chữ số cuối của số điện thoại hoặc số giấy tờ tùy thân của người nộp.
pub-lookup-code-hint = Ví dụ: H11.100-260304-0001.
pub-lookup-check = 4 chữ số cuối
pub-lookup-check-hint = Của số điện thoại hoặc số CCCD/CMND/hộ chiếu đã khai khi nộp hồ sơ.
pub-lookup-button = Tra cứu
pub-lookup-result = Kết quả tra cứu
pub-lookup-applicant = Người nộp
pub-lookup-masked-note = Để bảo vệ thông tin cá nhân, tên người nộp được che một phần và không hiển thị ghi chú của cán bộ.

# Rating (docs/sources.md#citizen-rating: 9 criteria, 2 points each, 18 in total)
pub-rating-title = Đánh giá việc giải quyết thủ tục hành chính
pub-rating-lead = Hồ sơ đã trả kết quả. Xin chọn một mức cho từng tiêu chí; ý kiến của bạn không kèm thông tin cá nhân.
pub-rating-c1 = Tổng thời gian giải quyết thủ tục hành chính so với quy định của pháp luật
pub-rating-c2 = Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết (kể cả đơn vị phối hợp)
pub-rating-c3 = Số lần phải liên hệ với nơi tiếp nhận hồ sơ để hoàn thiện hồ sơ (kể cả trực tuyến)
pub-rating-c4 = Số lượng cơ quan, đơn vị, tổ chức phải liên hệ để hoàn thiện hồ sơ
pub-rating-c5 = Thực hiện tổ chức tiếp nhận hồ sơ, giải quyết, trả kết quả tại Bộ phận Một cửa
pub-rating-c6 = Công khai các thủ tục hành chính
pub-rating-c7 = Thái độ của cán bộ, công chức, viên chức khi hướng dẫn, tiếp nhận, giải quyết thủ tục hành chính
pub-rating-c8 = Tiếp thu, giải trình đối với ý kiến phản ánh, kiến nghị
pub-rating-c9 = Tiến độ và chất lượng cung cấp dịch vụ công trực tuyến
pub-rating-level-2 = Hài lòng
pub-rating-level-1 = Bình thường
pub-rating-level-0 = Không hài lòng
pub-rating-points = { $n } điểm
pub-rating-points-one = { $n } điểm
pub-rating-comment = Ý kiến khác (không bắt buộc)
pub-rating-comment-hint = Tối đa 1.000 ký tự. Xin đừng ghi thông tin cá nhân.
pub-rating-submit = Gửi đánh giá
pub-rating-thanks = Cảm ơn bạn đã đánh giá. Đánh giá đã được ghi nhận.
pub-rating-already = Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần.

# Feedback (PAKN)
pub-feedback-title = Phản ánh, kiến nghị
pub-feedback-lead = Gửi phản ánh, kiến nghị về quy định hành chính và việc giải quyết thủ tục hành chính tới cơ quan có liên quan.
pub-feedback-contact = Số điện thoại hoặc email
pub-feedback-contact-hint = Để cơ quan trả lời bạn. Không hiển thị công khai.
pub-feedback-unit = Cơ quan, đơn vị được phản ánh
pub-feedback-unit-none = Không rõ / chưa xác định
pub-feedback-dossier-code = Mã hồ sơ liên quan (nếu có)
pub-feedback-dossier-code-hint = Ví dụ: H11.100-260304-0001. Có thể để trống.
pub-feedback-subject = Tiêu đề
pub-feedback-content = Nội dung
pub-feedback-content-hint = Từ { $min } đến { $max } ký tự: sự việc, thời gian, địa điểm và đề xuất của bạn.
pub-feedback-privacy = Thông tin cá nhân của bạn chỉ dùng để xử lý và trả lời phản ánh, kiến nghị này.
pub-feedback-send = Gửi phản ánh, kiến nghị
pub-feedback-how-heading = Quyền phản ánh, kiến nghị
pub-feedback-right = Theo Nghị định 20/2008/NĐ-CP của Chính phủ về tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính, người dân, doanh nghiệp có quyền phản ánh, kiến nghị với cơ quan hành chính nhà nước về quy định hành chính.
pub-feedback-what = Bạn có thể phản ánh, kiến nghị về:
pub-feedback-what-1 = hành vi chậm trễ, gây phiền hà, không thực hiện hoặc thực hiện không đúng quy định hành chính của cơ quan, cán bộ, công chức;
pub-feedback-what-2 = quy định hành chính không phù hợp với thực tế, không đồng bộ, không thống nhất, và cách xử lý bạn đề xuất.
pub-feedback-not-complaint = Khiếu nại, tố cáo được giải quyết theo pháp luật về khiếu nại, tố cáo, không theo biểu mẫu này.
pub-feedback-received-title = Đã nhận phản ánh, kiến nghị
pub-feedback-received-text = Phản ánh, kiến nghị của bạn đã được ghi nhận.
pub-feedback-reference = Số tiếp nhận (xin ghi lại để liên hệ khi cần):
pub-feedback-received-next = Cơ quan có liên quan sẽ xem xét và trả lời theo số điện thoại hoặc email bạn đã để lại.
pub-feedback-another = Gửi phản ánh, kiến nghị khác

## Hồ sơ của tôi: phiếu, từ chối tiếp nhận
pub-my-no-code-closed = hồ sơ không được tiếp nhận nên không có mã
pub-my-supplement-before = Bộ phận Một cửa yêu cầu bổ sung, hoàn thiện hồ sơ trước khi tiếp nhận.
pub-my-refused = Hồ sơ không được tiếp nhận.
pub-my-refused-reason = Lý do:
pub-my-slips = Phiếu của hồ sơ
pub-my-slips-hint = Các phiếu Bộ phận Một cửa đã lập cho hồ sơ này, tải về để xem hoặc in.
pub-my-slip-receipt = Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)
pub-my-slip-supplement = Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (PDF)
pub-my-slip-refusal = Phiếu từ chối tiếp nhận hồ sơ (PDF)
pub-my-slip-apology = Phiếu xin lỗi và hẹn lại ngày trả kết quả (PDF)

## register and slips
pub-my-slip-handover = Phiếu bàn giao kết quả giải quyết hồ sơ (PDF)

## forms, 404, language, my dossiers
pub-submit-choose-again = Bạn đã chọn: { $files }. Hồ sơ chưa được gửi nên tệp chưa được lưu: xin chọn lại tệp này.
pub-my-filter-label = Lọc hồ sơ theo tình trạng
pub-my-filter-all = Tất cả
pub-my-filter-in-progress = Đang giải quyết
pub-my-filter-supplement = Cần bổ sung
pub-my-filter-done = Đã có kết quả
pub-my-filter-refused = Không được tiếp nhận
pub-my-filter-ended = Đã rút hoặc dừng xử lý
pub-my-none-in-group = Không có hồ sơ nào ở tình trạng này.
pub-my-newest-first = Hồ sơ nộp gần nhất ở trên cùng.
notice-rated = Cảm ơn bạn đã đánh giá việc giải quyết hồ sơ.

## Signature verification (issue 12)
nav-verify = Kiểm tra chữ ký số
sig-verify-title = Kiểm tra chữ ký số trên văn bản
sig-verify-lead = Tải lên tệp PDF đã ký (kết quả giải quyết thủ tục, văn bản của cơ quan) để biết ai đã ký, ký lúc nào, và văn bản có còn nguyên vẹn từ khi ký hay không.
sig-verify-file = Tệp PDF đã ký
sig-verify-file-hint = Tối đa { $max } MB. Tệp không được lưu lại.
sig-verify-button = Kiểm tra
sig-verify-result = Kết quả kiểm tra
sig-verify-signature = Chữ ký { $n }
sig-verify-signer = Người ký
sig-verify-time = Thời điểm ký
sig-verify-timestamp = Dấu thời gian (chứng minh chữ ký đã có từ)
sig-verify-issuer = Tổ chức cấp chứng thư số
sig-verify-serial = Số hiệu chứng thư số
sig-verify-not-kept = Tệp đã tải lên không được lưu lại. Thời điểm ký là thời điểm ghi trong chữ ký; chỉ dấu thời gian, nếu có hiển thị, mới được máy chủ cấp dấu thời gian xác nhận.
sig-role-signer = người có thẩm quyền ký
sig-role-agency = chữ ký số của cơ quan
sig-verdict-passed = Hợp lệ
sig-verdict-indeterminate = Chưa xác định được
sig-verdict-failed = Không hợp lệ
sig-verdict-passed-explained = Mọi chữ ký đều đúng: văn bản không bị thay đổi từ khi ký, chứng thư số do tổ chức được hệ thống tin cậy cấp và không bị thu hồi.
sig-verdict-indeterminate-explained = Không thấy dấu hiệu văn bản bị thay đổi, nhưng chưa đủ căn cứ để khẳng định chữ ký hợp lệ. Xem lý do dưới đây.
sig-verdict-failed-explained = Có chữ ký không đúng hoặc văn bản đã bị thay đổi sau khi ký: không sử dụng văn bản này như bản gốc.
sig-finding-modified-after-signing = Văn bản đã bị thay đổi sau khi ký.
sig-finding-signature-invalid = Giá trị chữ ký không đúng hoặc chữ ký bị hỏng.
sig-finding-unknown-ca = Chứng thư số không do một tổ chức nằm trong danh sách tin cậy của hệ thống cấp.
sig-finding-certificate-revoked = Chứng thư số đã bị thu hồi trước thời điểm ký.
sig-finding-revoked-since-signing-no-timestamp = Chứng thư số bị thu hồi sau thời điểm ký ghi trong chữ ký, nhưng không có dấu thời gian chứng minh thời điểm ấy.
sig-finding-certificate-expired = Chứng thư số đã hết hạn vào thời điểm ký.
sig-finding-certificate-not-yet-valid = Chứng thư số chưa có hiệu lực vào thời điểm ký.
sig-finding-expired-since-signing-no-timestamp = Chứng thư số còn hiệu lực khi ký nhưng nay đã hết hạn, và không có dấu thời gian chứng minh thời điểm ký.
sig-finding-revocation-unknown = Hệ thống chưa có danh sách chứng thư số bị thu hồi (CRL) đủ mới của tổ chức cấp, nên chưa biết chứng thư có bị thu hồi hay không.
sig-finding-agency-before-signer = Chữ ký số của cơ quan có trước chữ ký của người có thẩm quyền; theo Nghị định 30/2020/NĐ-CP người có thẩm quyền ký trước, cơ quan ký sau.
sig-finding-unsupported-algorithm = Chữ ký dùng thuật toán mà hệ thống chưa kiểm tra được.
sig-finding-unsupported-subfilter = Định dạng chữ ký này hệ thống chưa kiểm tra được.
sig-finding-signing-time-missing = Chữ ký không ghi thời điểm ký.
sig-finding-timestamp-invalid = Dấu thời gian kèm chữ ký bị hỏng hoặc không phải của chữ ký này, nên không chứng minh được thời điểm ký.
sig-finding-timestamp-untrusted = Dấu thời gian kèm chữ ký không do một máy chủ cấp dấu thời gian nằm trong danh sách tin cậy của hệ thống cấp, hoặc chứng thư của máy chủ đó không còn hiệu lực vào thời điểm cấp dấu.
sig-finding-expired-before-timestamp = Chứng thư số đã hết hạn trước thời điểm ghi trong dấu thời gian.
sig-finding-revoked-before-timestamp = Chứng thư số đã bị thu hồi trước thời điểm ghi trong dấu thời gian.

## Online supplement, online withdrawal and the procedure's form files (branch online)
notice-supplement-sent = Đã gửi bổ sung. Bộ phận Một cửa sẽ kiểm tra các tệp; thời hạn giải quyết tiếp tục tính từ khi bổ sung được chấp nhận.
notice-dossier-withdrawn = Đã rút hồ sơ. Hồ sơ không được giải quyết tiếp.
pub-my-supplement-title = Nộp bổ sung trực tuyến
pub-my-supplement-lead = Gửi các giấy tờ được yêu cầu ở trên. Bộ phận Một cửa kiểm tra rồi chấp nhận bổ sung hoặc báo những gì còn thiếu; thời hạn giải quyết chỉ tính tiếp khi bổ sung được chấp nhận.
pub-my-supplement-files = Tệp bổ sung
pub-my-supplement-note = Lời nhắn cho Bộ phận Một cửa (không bắt buộc)
pub-my-supplement-send = Gửi bổ sung
pub-my-supplement-arrived = Đã gửi bổ sung, đang chờ Bộ phận Một cửa kiểm tra.
pub-my-supplement-arrived-at = Gửi lúc { $at }. Nếu còn thiếu, bạn có thể gửi thêm tệp; các tệp đã gửi vẫn được giữ.
pub-my-withdraw-title = Rút hồ sơ
pub-my-withdraw-lead = Nếu không muốn tiếp tục giải quyết hồ sơ này, bạn có thể rút hồ sơ. Hãy ghi lý do; hồ sơ đã rút không được giải quyết tiếp.
pub-my-withdraw-reason = Lý do rút hồ sơ
pub-my-withdraw-do = Rút hồ sơ…
pub-my-withdraw-effect = Hồ sơ sẽ kết thúc ở trạng thái "Công dân yêu cầu rút hồ sơ" và không được giải quyết tiếp; Bộ phận Một cửa thấy lý do bạn ghi. Việc này không hoàn tác được: muốn làm lại, bạn phải nộp hồ sơ mới.
pub-my-supplement-hint = Tệp PDF, JPEG, PNG hoặc DOCX; mỗi tệp tối đa { $file } MB, tổng cộng tối đa { $total } MB.
pub-my-file-supplement = Hồ sơ bổ sung
pub-proc-forms-download = Tải mẫu đơn, tờ khai về, điền rồi nộp kèm hồ sơ:

## Electronic results (issue 12)
pub-result-title = Kết quả điện tử
pub-result-hint = Kết quả có chữ ký số của người có thẩm quyền và của cơ quan; có giá trị như bản giấy. Mỗi kết quả có trang xác minh công khai.
pub-result-number = Số
pub-result-download = Tải kết quả (PDF)
pub-result-verify = Xác minh chữ ký số
sig-issued-state = Tình trạng
sig-issued-number = Số vào sổ kết quả
sig-issued-unit = Cơ quan ban hành
sig-issued-at = Thời điểm ban hành
sig-issued-reason = Lý do
sig-issued-note = Thông tin trên do motcua lưu trong sổ kết quả của cơ quan; phần dưới là kết quả kiểm tra chữ ký số trên tệp kết quả được lưu.
# The e-form (tờ khai điện tử) on the online submission page.
pub-eform-lead = Điền tờ khai điện tử dưới đây thay cho tệp đính kèm; motcua in tờ khai thành tệp PDF gửi kèm hồ sơ.
pub-eform-choose = — Chọn —
pub-eform-date-placeholder = ngày/tháng/năm
pub-eform-date-hint = Nhập theo dạng ngày/tháng/năm, ví dụ 04/03/2026.

## Reusing kept documents (số hóa, tái sử dụng)
pub-reuse-hint = Giấy tờ đã được số hóa hoặc kết quả đã cấp cho bạn được lưu lại: chọn để dùng lại thay vì tải tệp lên.
pub-reuse-label = Hoặc dùng lại giấy tờ đã số hóa
pub-reuse-none = — Không dùng lại, tải tệp lên —
pub-reuse-kind-digitised = bản số hóa
pub-reuse-kind-result = kết quả điện tử

## Feedback (PAKN): topic, consent, tracking, rating and published answers
pub-feedback-topic = Nội dung phản ánh, kiến nghị
pub-feedback-topic-unsure = Không rõ / để cơ quan phân loại
pub-feedback-consent = Tôi đồng ý để cơ quan công khai câu trả lời (không công khai họ tên và thông tin liên hệ của tôi).
pub-feedback-track-keep = Xin lưu lại đường dẫn dưới đây: chỉ đường dẫn này mở được trang theo dõi phản ánh, kiến nghị của bạn và đánh giá việc xử lý.
pub-feedback-track-open = Theo dõi phản ánh, kiến nghị
pub-feedback-track-title = Phản ánh, kiến nghị số { $id }
pub-feedback-track-private = Trang này chỉ mở được bằng đường dẫn riêng đã cấp cho bạn khi gửi.
pub-feedback-your-rating = Bạn đã đánh giá:
pub-feedback-rate-question = Bạn có hài lòng với việc xử lý phản ánh, kiến nghị này không?
pub-feedback-rate-send = Gửi đánh giá
pub-feedback-answers-title = Trả lời phản ánh, kiến nghị đã công khai
pub-feedback-answers-lead = Các câu trả lời được công khai khi người gửi đồng ý; họ tên và thông tin liên hệ không được công khai.
pub-feedback-answers-empty = Chưa có câu trả lời nào được công khai.
pub-feedback-answers-link = Xem các câu trả lời đã công khai
notice-feedback-rated = Cảm ơn bạn đã đánh giá.

# Shared words of every page. Vietnamese is the default language.
app-name = Một cửa điện tử
app-title = Hệ thống giải quyết thủ tục hành chính
app-subtitle = Bộ phận Một cửa · Dịch vụ công trực tuyến
skip-to-content = Bỏ qua, tới nội dung chính
switch-language = English
nav-label = Điều hướng chính
nav-catalog = Thủ tục hành chính
nav-lookup = Tra cứu hồ sơ
nav-my-dossiers = Hồ sơ của tôi
nav-feedback = Phản ánh, kiến nghị
nav-feedback-inbox = Phản ánh, kiến nghị
nav-intake = Tiếp nhận hồ sơ
nav-online-queue = Hồ sơ trực tuyến
nav-inbox = Hồ sơ cần xử lý
nav-returns = Trả kết quả
nav-search = Tìm hồ sơ
nav-data-views = Nhật ký xem dữ liệu cá nhân
nav-units = Đơn vị
nav-users = Người dùng
nav-procedures = Thủ tục
nav-calendar = Lịch nghỉ lễ
footer-text = motcua — phần mềm mã nguồn mở phục vụ cải cách thủ tục hành chính. Thông tin cá nhân được bảo vệ theo Nghị định 13/2023/NĐ-CP.
login = Đăng nhập
logout = Đăng xuất
register = Đăng ký tài khoản
register-prompt = Chưa có tài khoản? Đăng ký
login-title = Đăng nhập
register-title = Đăng ký tài khoản công dân
register-lead = Tài khoản dùng để nộp hồ sơ trực tuyến và theo dõi hồ sơ của bạn.
username = Tên đăng nhập
username-hint = 3–64 ký tự: chữ không dấu, số và . _ -
password = Mật khẩu
password-hint = Ít nhất 8 ký tự.
full-name = Họ và tên
error-title = Không thực hiện được
error-code = Mã lỗi
back-home = Về trang chủ
back = Quay lại
save = Lưu
cancel = Hủy
search = Tìm kiếm
filter = Lọc
next-page = Trang sau
prev-page = Trang trước
first-page = Trang đầu
page-of = Trang { $page }
none-found = Không có kết quả nào.
required-mark = bắt buộc
yes = Có
no = Không
role-admin = Quản trị
role-counter_officer = Cán bộ một cửa
role-specialist = Chuyên viên
role-leader = Lãnh đạo
role-citizen = Công dân
channel-counter = Trực tiếp
channel-online = Trực tuyến
channel-postal = Bưu chính
action-submit-online = Nộp trực tuyến
action-receive-at-counter = Tiếp nhận tại quầy
action-receive = Tiếp nhận
action-refuse-to-receive = Từ chối tiếp nhận
action-forward = Chuyển bước tiếp theo
action-request-supplement = Yêu cầu bổ sung hồ sơ
action-supplement-received = Đã nhận bổ sung
action-request-payment = Yêu cầu nộp phí, lệ phí
action-record-payment = Ghi nhận đã nộp phí
action-reschedule = Xin lỗi và hẹn lại ngày trả
action-withdraw = Rút hồ sơ
action-stop = Dừng xử lý
action-finish = Hoàn thành, có kết quả
action-return-result = Trả kết quả
notice-logged-out = Bạn đã đăng xuất.
notice-registered = Đã tạo tài khoản. Bạn đã đăng nhập.
event-submit-online = Đã nộp trực tuyến
event-receive-at-counter = Đã tiếp nhận tại quầy
event-receive = Đã tiếp nhận
event-refuse-to-receive = Đã từ chối tiếp nhận
event-forward = Đã chuyển bước xử lý
event-request-supplement = Đã yêu cầu bổ sung hồ sơ
event-supplement-received = Đã nhận hồ sơ bổ sung
event-request-payment = Đã yêu cầu nộp phí, lệ phí
event-record-payment = Đã nộp phí, lệ phí
event-reschedule = Đã xin lỗi và hẹn lại ngày trả
event-withdraw = Đã rút hồ sơ
event-stop = Đã dừng xử lý
event-finish = Đã có kết quả
event-return-result = Đã trả kết quả
error-back-start = Về trang làm việc

# Assignment and return (issue 10)
action-assign = Phân công xử lý
action-return-to-step = Trả lại bước trước
event-assign = Đã phân công xử lý
event-return-to-step = Đã trả lại bước trước

# The account page (/account)
acc-title = Tài khoản của tôi
acc-forced-title = Bạn cần đổi mật khẩu trước khi làm việc tiếp
acc-forced-text = Quản trị viên đã đặt lại mật khẩu của tài khoản này. Hãy nhập mật khẩu tạm được giao và chọn mật khẩu mới của riêng bạn.
acc-password-title = Đổi mật khẩu
acc-errors = { $count ->
    [one] Mẫu có 1 lỗi cần sửa:
   *[other] Mẫu có { $count } lỗi cần sửa:
}
acc-current-password = Mật khẩu hiện tại
acc-new-password = Mật khẩu mới
acc-new-password-hint = Từ 12 đến 128 ký tự, có thể có dấu cách; không dùng mật khẩu phổ biến hay tên đăng nhập. Vài từ không liên quan ghép lại vừa dễ nhớ vừa an toàn.
acc-confirm-password = Nhập lại mật khẩu mới
acc-password-effect = Sau khi đổi, mọi phiên đăng nhập khác của tài khoản (máy khác, điện thoại) sẽ kết thúc.
acc-password-button = Đổi mật khẩu
acc-sessions-title = Các phiên đăng nhập
acc-sessions-hint = Các nơi tài khoản đang đăng nhập. Nếu thấy phiên lạ, hãy kết thúc phiên đó và đổi mật khẩu.
acc-session-device = Trình duyệt
acc-session-started = Bắt đầu
acc-session-expires = Hết hạn
acc-session-current = Phiên này
acc-session-end = Kết thúc phiên
acc-session-end-current = Đăng xuất
acc-device-unknown = Không rõ
notice-password-changed = Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.
notice-session-ended = Đã kết thúc phiên đăng nhập.
due-provisional = tạm tính: lịch nghỉ của năm này chưa có thông báo chính thức

## register and slips
nav-register = Sổ theo dõi

## forms, 404, language, my dossiers
form-problems-count = { $n ->
    [1] Có 1 chỗ cần sửa:
   *[other] Có { $n } chỗ cần sửa:
}
confirm-back = Quay lại, không làm gì
confirm-question = Bạn có chắc chắn không?
confirm-action = Việc sẽ làm
confirm-note = Lý do đã nhập
confirm-dossier-title = Xác nhận { $action }: hồ sơ { $code }
confirm-effect-stop = Hồ sơ sẽ kết thúc ở trạng thái "Dừng xử lý" và người nộp được báo lý do. Việc này không hoàn tác được.
confirm-effect-withdraw = Hồ sơ sẽ kết thúc ở trạng thái "Công dân yêu cầu rút hồ sơ" và không được giải quyết tiếp. Việc này không hoàn tác được.
confirm-do = Có, { $action }
confirm-lock-title = Xác nhận khóa tài khoản { $username }
confirm-effect-lock = Tài khoản sẽ bị đăng xuất ngay và không đăng nhập được cho đến khi được mở lại.
confirm-lock-do = Có, khóa tài khoản
nf-title = Không tìm thấy trang
nf-explain = Địa chỉ có thể đã gõ sai, đã cũ, hoặc bạn không có quyền xem nội dung này.
nf-where = Bạn có thể:
nf-start-staff = Về trang làm việc của tôi
nf-start-citizen = Về hồ sơ của tôi
nf-home = Về trang chủ, tìm thủ tục hành chính
nf-lookup = Tra cứu tình trạng hồ sơ bằng mã hồ sơ
nf-login = Đăng nhập

## Online supplement, online withdrawal and the procedure's form files (branch online)
action-submit-supplement = Nộp bổ sung trực tuyến
event-submit-supplement = Công dân đã nộp bổ sung trực tuyến

## Feedback (PAKN) handled to a deadline: words shared by the sender's and the office's pages
feedback-topic = Phân loại
feedback-topic-regulation = Về quy định hành chính, thủ tục hành chính
feedback-topic-conduct = Về hành vi, thái độ của cán bộ, công chức
feedback-topic-none = Chưa phân loại
feedback-stage-received = Đang xử lý
feedback-stage-answered = Đã trả lời
feedback-stage-refused = Không xử lý (đã từ chối)
feedback-overdue = Quá hạn xử lý
feedback-received-at = Ngày tiếp nhận
feedback-owner = Đơn vị xử lý
feedback-answer-by = Hạn trả lời
feedback-answer = Trả lời
feedback-refusal-reason = Lý do không xử lý
feedback-publication = Công khai câu trả lời
feedback-published = Đã công khai
feedback-consented = Người gửi đồng ý công khai
feedback-history = Quá trình xử lý
feedback-rating-satisfied = Hài lòng
feedback-rating-dissatisfied = Không hài lòng
feedback-event-forwarded = Chuyển xử lý
feedback-event-answered = Trả lời
feedback-event-refused = Từ chối xử lý
feedback-event-published = Công khai câu trả lời
feedback-event-rated = Người gửi đánh giá
feedback-event-repeat = Đánh dấu trùng với phản ánh, kiến nghị trước

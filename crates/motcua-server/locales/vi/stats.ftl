# Statistics dashboards and the public ranking (issue #5).

nav-stats = Thống kê
nav-ranking = Xếp hạng đơn vị

stats-title = Thống kê giải quyết TTHC
stats-breadcrumb = Đơn vị cấp trên
stats-period = Kỳ báo cáo
stats-show = Xem
stats-figures = Số liệu chính
stats-period-year = Năm { $year }
stats-period-quarter = Quý { $quarter }/{ $year }
stats-period-month = Tháng { $month }/{ $year }
stats-period-range = Từ { $from } đến { $to }
stats-percent = { $value }%
stats-rank-among = Xếp hạng { $rank }/{ $of } đơn vị cùng cấp
stats-received = Tổng số hồ sơ
stats-received-detail = Tiếp nhận trực tuyến { $online }, trực tiếp và bưu chính { $counter }; kỳ trước chuyển sang { $carried }
stats-resolved = Đã giải quyết
stats-resolved-detail = Trước hạn { $early }, đúng hạn { $on-time }, quá hạn { $late }
stats-in-process = Đang giải quyết
stats-in-process-detail = Trong hạn { $within }, quá hạn { $past-due } (cuối kỳ)
stats-on-time-rate = Tỷ lệ đúng hạn (chỉ tiêu 2.1)
stats-progress-points = { $points }/20 điểm tiến độ
stats-average-days = Thời gian giải quyết trung bình
stats-average-days-detail = ngày làm việc, không tính thời gian chờ bổ sung
stats-other = Yêu cầu bổ sung
stats-other-detail = Từ chối { $refused }, rút { $withdrawn }, đã trả kết quả { $returned }
stats-early = Trước hạn
stats-on-time = Đúng hạn
stats-late = Quá hạn
stats-trend-title = Hồ sơ đã giải quyết theo tháng
stats-trend-empty = Chưa có hồ sơ nào được giải quyết trong kỳ
stats-index-title = Chỉ số phục vụ 766 (theo số liệu của motcua)
stats-indicators-caption = Các chỉ tiêu motcua tự đo
stats-col-indicator = Chỉ tiêu
stats-col-counts = Tử số / mẫu số
stats-col-ratio = Tỷ lệ
stats-col-points = Điểm
stats-col-note = Ghi chú
stats-group-transparency = Công khai, minh bạch
stats-group-progress = Tiến độ, kết quả giải quyết
stats-group-online-service = Dịch vụ công trực tuyến
stats-group-online-payment = Thanh toán trực tuyến
stats-group-digitisation = Số hóa hồ sơ
stats-group-satisfaction = Mức độ hài lòng
stats-group-not-measured = Số liệu do Cổng DVCQG nắm giữ
stats-indicator-tracking = Chỉ theo dõi, không tính điểm
stats-indicator-estimated = Tạm tính: cách hiểu của motcua về "không hài lòng" (đánh giá dưới 9/18 điểm)
stats-indicator-provisional = Tạm tính: cách tính khi không có hồ sơ chưa được xác nhận
stats-index-note = Điểm chính thức là điểm do Cổng Dịch vụ công quốc gia công bố. motcua tự tính nhóm Tiến độ (đã đối chiếu với công thức của Cổng), đếm chỉ tiêu 4.3 và tạm tính chỉ tiêu 4.1, 4.2, 4.6 và 5.4; phần còn lại của bộ chỉ số dùng dữ liệu motcua không có.
stats-children-title = Các đơn vị trực thuộc
stats-col-rank = Hạng
stats-col-unit = Đơn vị
stats-col-received = Tiếp nhận
stats-col-resolved = Đã giải quyết
stats-col-late = Quá hạn
stats-col-past-due = Đang quá hạn
stats-col-on-time = Tỷ lệ đúng hạn
stats-col-progress = Điểm tiến độ (/20)
stats-procedures-title = Theo thủ tục hành chính
stats-col-procedure = Thủ tục
stats-col-field = Lĩnh vực
stats-col-in-process = Đang giải quyết
stats-col-average = TB ngày làm việc
stats-overdue-title = Hồ sơ đang quá hạn
stats-overdue-none = Không có hồ sơ nào đang quá hạn.
stats-due-on = hẹn trả { $date }
stats-exports-title = Tải báo cáo
stats-export-periodic = Báo cáo tình hình, kết quả giải quyết TTHC
stats-export-index = Bảng chỉ số 766
stats-level-commune = Cấp xã
stats-level-department = Sở, ban, ngành

ranking-title = Xếp hạng giải quyết hồ sơ của các đơn vị
ranking-level = Cấp đơn vị
ranking-empty = Chưa có đơn vị nào ở cấp này.
ranking-col-on-time = Giải quyết đúng, trước hạn
ranking-note = Xếp theo điểm tiến độ (chỉ tiêu 2.1 của Quyết định 766/QĐ-TTg) tính từ hồ sơ trên hệ thống này; đơn vị bằng điểm cùng hạng. Điểm chính thức do Cổng Dịch vụ công quốc gia công bố.

## Per-step timeliness (issue 10)
stats-steps-title = Thời gian thực hiện theo bước
stats-steps-lead = Các bước xử lý mà từng đơn vị (kể cả đơn vị phối hợp) đã hoàn thành trong kỳ, số bước quá hạn riêng của bước và số ngày làm việc trung bình mỗi bước (không tính thời gian chờ bổ sung).
stats-steps-none = Không có bước xử lý nào kết thúc trong kỳ.
stats-steps-col-finished = Bước đã hoàn thành
stats-steps-col-late = Bước quá hạn
stats-steps-col-late-share = Tỷ lệ quá hạn
stats-steps-col-days = Ngày làm việc trung bình
stats-steps-unknown = { $n } bước trước khi có hạn từng bước: không xác định

# Tiếp nhận và giải quyết (issue 10): số liệu ghi cho đơn vị tiếp nhận hoặc đơn vị giải quyết.
stats-basis = Ghi nhận số liệu theo
stats-basis-handling = Đơn vị giải quyết
stats-basis-intake = Đơn vị tiếp nhận
stats-basis-handling-note = Số liệu, chỉ số 766 và xếp hạng dưới đây tính theo đơn vị giải quyết (cơ quan thực hiện thủ tục), dù hồ sơ được tiếp nhận ở đâu.
stats-basis-intake-note = Số liệu, chỉ số 766 và xếp hạng dưới đây tính theo đơn vị tiếp nhận hồ sơ (bộ phận một cửa đã nhận hồ sơ).
stats-both-title = Tiếp nhận và giải quyết
stats-both-caption = Hồ sơ tiếp nhận tại đơn vị và hồ sơ đơn vị giải quyết, trong kỳ
stats-col-figure = Số liệu
stats-col-intake = Tiếp nhận tại đơn vị
stats-col-handling = Đơn vị giải quyết
stats-carried-over = Kỳ trước chuyển sang
stats-ratings = Lượt đánh giá của người dân
stats-ratings-dissatisfied = Trong đó không hài lòng
stats-ratings-counts = { $dissatisfied } không hài lòng / { $rated } lượt đánh giá
stats-no-data = Chưa có dữ liệu
stats-rank-no-data = Chưa có dữ liệu trong kỳ: không xếp hạng
ranking-no-data-note = Đơn vị không có hồ sơ nào trong kỳ ghi "Chưa có dữ liệu" và không được xếp hạng.

## forms, 404, language, my dossiers
stats-indicator-no-data = Chưa có số liệu trong kỳ
stats-indicator-estimated-e-result = Tạm tính: chia cho số hồ sơ đã giải quyết (danh mục TTHC có kết quả bản giấy do Cơ sở dữ liệu quốc gia nắm giữ, motcua không có)
stats-indicator-estimated-digitised = Tạm tính: hồ sơ có đủ tệp cho mọi thành phần và có kết quả điện tử, chia cho số hồ sơ đã giải quyết
stats-indicator-estimated-certified-copy = Tạm tính: Cổng Dịch vụ công quốc gia chưa công bố định nghĩa; motcua chia số bản sao chứng thực cấp điện tử cho số hồ sơ chứng thực đã giải quyết
stats-indicator-estimated-short = Tạm tính
stats-portal-groups = Các nhóm sau do Cổng Dịch vụ công quốc gia nắm giữ số liệu (toàn bộ hoặc một phần chỉ số), motcua không chấm điểm nhóm ở đây: { $groups }.

## Feedback (PAKN) indicators 5.1-5.3
stats-indicator-estimated-petition = Tạm tính: "không hài lòng" theo đánh giá của người gửi (Cổng Dịch vụ công quốc gia đếm số lượt thích và không thích)

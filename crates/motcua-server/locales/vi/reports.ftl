# Excel and CSV reports: column headings of the periodic report (Biểu II.06a) and the 766 table.

## The top of every report
reports-unit = Đơn vị báo cáo: { $unit }
reports-period = Kỳ báo cáo: từ { $from } đến { $to }
reports-generated = Thời điểm xuất báo cáo: { $time }
reports-col-index = STT
reports-col-code = Mã đơn vị
reports-col-unit = Tên đơn vị
reports-col-total = Tổng số
reports-total = Tổng cộng

## Biểu II.06a: tình hình, kết quả giải quyết TTHC
reports-periodic-title = TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH
reports-periodic-form = Biểu II.06a/VPCP/KSTT
reports-periodic-sheet = Biểu II.06a
reports-received = Số hồ sơ nhận giải quyết
reports-received-total = Tổng số hồ sơ tiếp nhận
reports-received-online = Trực tuyến
reports-csv-received-online = Tiếp nhận trực tuyến
reports-received-direct = Trực tiếp, dịch vụ bưu chính
reports-csv-received-direct = Tiếp nhận trực tiếp, dịch vụ bưu chính
reports-carried-over = Từ kỳ trước chuyển sang
reports-resolved = Số hồ sơ đã giải quyết
reports-resolved-early = Trước hạn
reports-csv-resolved-early = Giải quyết trước hạn
reports-resolved-on-time = Đúng hạn
reports-csv-resolved-on-time = Giải quyết đúng hạn
reports-resolved-late = Quá hạn
reports-csv-resolved-late = Giải quyết quá hạn
reports-in-process = Số hồ sơ đang giải quyết
reports-in-process-within = Trong hạn
reports-csv-in-process-within = Đang giải quyết trong hạn
reports-in-process-past-due = Quá hạn
reports-csv-in-process-past-due = Đang giải quyết quá hạn
reports-supplements = Số lần yêu cầu bổ sung hồ sơ
reports-refused = Từ chối tiếp nhận
reports-withdrawn = Rút hồ sơ
reports-stopped = Dừng xử lý
reports-returned = Đã trả kết quả
reports-average-days = Thời gian giải quyết bình quân (ngày làm việc)

## Bộ chỉ số 766
reports-index766-title = KẾT QUẢ BỘ CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP THEO QUYẾT ĐỊNH 766/QĐ-TTg
reports-index766-sheet = Chỉ số 766
reports-rank = Xếp hạng
reports-score-total = Tổng điểm
reports-score-max = Điểm tối đa
reports-groups = Điểm theo nhóm chỉ số
reports-group-transparency = Công khai, minh bạch ({ $max })
reports-group-progress = Tiến độ, kết quả giải quyết ({ $max })
reports-group-online-service = Dịch vụ công trực tuyến ({ $max })
reports-group-online-payment = Thanh toán trực tuyến ({ $max })
reports-group-digitisation = Số hóa hồ sơ ({ $max })
reports-group-satisfaction = Mức độ hài lòng ({ $max })
reports-on-time-ratio = Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn (%)
reports-note = Ghi chú
reports-provisional = Tạm tính

## Chỉ số cải cách hành chính (PAR INDEX): bảng xếp hạng của một đợt đánh giá
reports-par-title = KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH: { $campaign }
reports-par-title-provisional = KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (TẠM TÍNH, CHỈ CÁC ĐƠN VỊ ĐÃ THẨM ĐỊNH XONG): { $campaign }
reports-par-sheet = Chỉ số CCHC
reports-par-areas = Điểm theo lĩnh vực
reports-par-area = { $code }. { $name } ({ $max })
reports-par-area-no-max = { $code }. { $name }
reports-par-points = Tổng điểm ({ $max })
reports-par-index = Chỉ số CCHC (%)
reports-par-band = Xếp loại
reports-par-change-year = So với năm { $year }
reports-par-change = So với năm trước
reports-par-rank-change = Thứ hạng tăng (+), giảm (−)
reports-par-index-change = Chỉ số tăng (+), giảm (−)

## register and slips
reports-register-sheet = Sổ theo dõi hồ sơ
reports-register-number = STT
reports-register-code = Mã hồ sơ
reports-register-procedure = Tên thủ tục hành chính
reports-register-applicant = Tên tổ chức, cá nhân
reports-register-contact = Địa chỉ, số điện thoại
reports-register-receipt = Nhận hồ sơ
reports-register-received = Ngày, giờ nhận
reports-register-due = Ngày hẹn trả
reports-register-handed-over = Chuyển hồ sơ đến cơ quan giải quyết
reports-register-finished = Ngày có kết quả giải quyết
reports-register-return = Trả kết quả
reports-register-returned = Ngày, giờ trả
reports-register-signed = Ký nhận
reports-register-note = Ghi chú

# Thông báo lỗi theo mã lỗi (tiếng Việt). Mã `a_b` có thông báo `error-a-b`.
# Biến `$case` chọn cách nói khi một mã dùng ở nhiều nơi.
# Xem crates/motcua-rules/src/messages.rs.

error-action-not-allowed-in-status = Không thể "{ $action }" khi hồ sơ ở trạng thái "{ $status }"
error-already-answered = Phản ánh, kiến nghị này đã được trả lời
error-already-initialised = Cơ sở dữ liệu đã có dữ liệu
error-already-rated = Hồ sơ này đã được đánh giá
error-bands-invalid =
    { $case ->
       *[empty] Cần ít nhất một mức xếp loại
        [label] Mức xếp loại cần mã và tên
        [order] Các mức xếp loại phải xếp từ cao xuống thấp, ngưỡng giảm dần
        [duplicate] Mã mức xếp loại "{ $code }" bị trùng
        [lowest] Mức thấp nhất phải bắt đầu từ 0 (đang là { $min })
    }
error-body-too-large =
    { $case ->
       *[other] Nội dung gửi lên quá lớn
        [form] Nội dung gửi lên quá lớn
        [file] Tệp quá lớn
    }
error-calendar-invalid = Dữ liệu lịch làm việc không hợp lệ: { $why }
error-calendar-year-not-found = Chưa có lịch năm { $year }
error-calendar-year-unknown = Chưa có dữ liệu lịch làm việc (ngày nghỉ lễ) của năm { $year }
error-code-mismatch = Không được đổi mã thủ tục
error-components-incomplete = Thiếu thành phần hồ sơ bắt buộc: { $name }
error-database-busy = Hệ thống đang bận; xin thử lại sau giây lát
error-dossier-date-out-of-range = Mã hồ sơ dạng { $format } không ghi được năm { $year }.
error-dossier-not-found =
    { $case ->
       *[other] Không tìm thấy hồ sơ
        [lookup] Không tìm thấy hồ sơ với mã và 4 số cuối đã nhập
    }
error-dossier-sequence-exhausted = Đơn vị { $unit } đã dùng hết { $max } mã hồ sơ của ngày { $day }.
error-empty-file =
    { $case ->
       *[other] Tệp { $name } không có nội dung
        [quoted] Tệp "{ $name }" không có nội dung
    }
error-evaluation-criteria-count = Cần điểm của đúng { $count } tiêu chí (đang có { $given })
error-evaluation-level-unknown = Mức đánh giá "{ $code }" không có trong thang đánh giá
error-evaluation-points-invalid = Tiêu chí { $criterion } được chấm { $points } điểm; tối đa { $max }
error-evaluation-scale-invalid =
    { $case ->
        [level] Mỗi mức đánh giá cần mã (không trùng) và tên
        [empty] Cần ít nhất một mức đánh giá
       *[points] Điểm của mức đánh giá tối đa là { $max }
    }
error-feedback-not-found = Không tìm thấy phản ánh, kiến nghị
error-forbidden = Vai trò của bạn không được phép làm việc này
error-idempotency-key-reused = Khóa Idempotency-Key này đã dùng cho một yêu cầu khác
error-index766-config-invalid =
    { $case ->
       *[band-min] Ngưỡng xếp loại phải từ 0 đến 100
        [band-order] Các mức xếp loại phải xếp từ cao xuống thấp, ngưỡng giảm dần
        [band-name] Mức xếp loại phải có tên
        [progress-when-empty] Điểm khi không có hồ sơ phải từ 0 đến 20
        [online-indicator] Công thức nhóm DVCTT chỉ dùng các chỉ tiêu 3.0–3.3
        [online-points] Số điểm phải lớn hơn 0
        [online-full-at] Ngưỡng đạt điểm tối đa phải lớn hơn 0 và không quá 1 (100%)
        [online-total] Tổng điểm các thành phần vượt quá 12 điểm của nhóm DVCTT
    }
error-internal-error = Lỗi hệ thống; xin thử lại sau
error-invalid-boolean = "{ $name }" phải là true hoặc false
error-invalid-change = "change" phải là updated, amended hoặc abolished
error-invalid-channel =
    { $case ->
        [counter] Hồ sơ tại quầy không thể là trực tuyến
       *[other] "channel" phải là counter, online hoặc postal
    }
error-invalid-check = Nhập đúng 4 chữ số cuối
error-invalid-citizen-id = Số giấy tờ tùy thân không hợp lệ: căn cước/CCCD gồm 12 chữ số, CMND cũ gồm 9 chữ số, hộ chiếu gồm 8–9 chữ cái và chữ số.
error-invalid-count =
    { $case ->
       *[other] Số lượng phải từ 1
        [copies] Số bản phải là số từ 1 đến { $max }
    }
error-invalid-credentials = Tên đăng nhập hoặc mật khẩu không đúng
error-invalid-cursor = Con trỏ trang không hợp lệ
error-invalid-date =
    { $case ->
       *[other] "{ $name }" phải là ngày dạng YYYY-MM-DD
        [form] "{ $value }" không phải ngày hợp lệ (dd/mm/yyyy)
        [received] Ngày tiếp nhận không hợp lệ
        [calendar-line] Dòng { $line }: "{ $value }" không phải ngày (viết YYYY-MM-DD hoặc dd/mm/yyyy, rồi tên ngày)
        [plain] Ngày không hợp lệ
    }
error-invalid-datetime = "{ $field }" phải là thời điểm theo RFC 3339, ví dụ 2026-03-02T09:00:00+07:00
error-invalid-dossier-sequence = Số thứ tự hồ sơ bắt đầu từ 1.
error-invalid-email = Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.vn).
error-invalid-field =
    { $case ->
        [body] Nội dung gửi lên không đúng dạng
       *[other] Giá trị của "{ $field }" không đúng kiểu hoặc không hợp lệ
        [dossier-version] Thiếu phiên bản hồ sơ; xin tải lại trang
    }
error-invalid-idempotency-key = Idempotency-Key phải dài 1–128 ký tự
error-invalid-level = Cấp đơn vị phải là một trong: { $levels }
error-invalid-name =
    { $case ->
        [letters] Họ và tên phải có chữ cái.
        [chars] Họ và tên chứa ký tự không hợp lệ.
       *[other] Họ và tên không được để trống.
        [too-long] Họ và tên dài quá { $max } ký tự.
        [procedure] Tên thủ tục phải có từ 1 đến { $max } ký tự
    }
error-invalid-number =
    { $case ->
       *[other] "{ $name }" phải là số nguyên từ { $min } đến { $max }
        [not-negative] "{ $value }" không phải số nguyên không âm
        [money] "{ $value }" không phải số tiền (đồng)
        [time-limit] Thời hạn phải là số nguyên từ 0 đến 3650
    }
error-invalid-phone = Số điện thoại không hợp lệ: di động gồm 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09; cố định gồm 11 chữ số bắt đầu bằng 02 (có thể viết +84 thay cho số 0 đầu).
error-invalid-procedure-code = Mã thủ tục hành chính phải có dạng d.dddddd (ví dụ 1.004194).
error-invalid-role =
    { $case ->
        [staff] Chỉ tạo tài khoản cán bộ ở đây
        [choose] Chọn một vai trò trong danh sách
       *[other] Không có vai trò "{ $role }"
    }
error-invalid-score = Điểm của tiêu chí { $criterion } phải từ 0 đến { $max }
error-invalid-status = Không có trạng thái "{ $status }"
error-invalid-text =
    { $case ->
       *[other] Nội dung chứa ký tự điều khiển không hợp lệ.
        [one-line] Tiêu đề chỉ một dòng
    }
error-invalid-time-unit =
    { $case ->
       *[other] "unit" phải là working_days, working_hours, days hoặc months
        [choose] Hãy chọn đơn vị thời hạn
    }
error-invalid-unit-code =
    { $case ->
        [empty] Mã đơn vị không được để trống.
        [too-long] Mã đơn vị dài quá { $max } ký tự.
       *[shape] Mã đơn vị chỉ gồm chữ cái không dấu và chữ số, các phần cách nhau bởi dấu chấm (ví dụ H44.100, 000.00.04.G18).
    }
error-invalid-username = Tên đăng nhập dài 3–64 ký tự, chỉ gồm chữ không dấu, số và . _ -
error-invalid-year = Năm phải là số từ 1900 đến 2200
error-malformed-json = JSON không hợp lệ (dòng { $line }, cột { $column })
error-malformed-query = Tham số truy vấn không hợp lệ
error-negative-fee = Phí, lệ phí không được âm
error-not-found =
    { $case ->
       *[other] Không có địa chỉ này
        [page] Không tìm thấy trang này
    }
error-not-owner = Chỉ người nộp hồ sơ mới được rút hồ sơ
error-not-step-owner = Hồ sơ đang ở bước xử lý không thuộc vai trò của bạn
error-outside-unit-scope = Hồ sơ không thuộc đơn vị của bạn
error-par-appraisal-reason-missing = Điểm thẩm định tiêu chí { $code } ({ $appraised }) khác điểm tự đánh giá ({ $own }): phải ghi rõ lý do
error-par-code-duplicate = Mã "{ $code }" đã dùng tại { $first }
error-par-code-invalid = Mã "{ $code }" không hợp lệ: 1–{ $max } ký tự gồm chữ, số, dấu chấm, gạch dưới, gạch ngang
error-par-criterion-shape = Tiêu chí { $code } phải hoặc có phương pháp chấm điểm, hoặc có tiêu chí thành phần (không cả hai)
error-par-csv-duplicate = Dòng { $line }: đơn vị { $unit } năm { $year } đã có ở dòng { $first }
error-par-csv-header =
    { $case ->
        [empty] Tệp CSV trống: cần dòng tiêu đề
        [repeat] Dòng tiêu đề: cột { $col } ({ $name }) trùng nghĩa với cột { $first }
       *[missing] Dòng tiêu đề thiếu cột bắt buộc "{ $name }"
    }
error-par-csv-syntax =
    { $case ->
        [closing-quote] Dòng { $line }, cột { $col }: sau dấu ngoặc kép đóng phải là dấu phẩy hoặc hết dòng
        [unclosed-quote] Dòng { $line }, cột { $col }: dấu ngoặc kép mở không được đóng
       *[columns] Dòng { $line } có { $count } cột, dòng tiêu đề có { $header }
    }
error-par-csv-value =
    { $case ->
       *[empty] Dòng { $line }, cột { $col } ({ $header }): "{ $value }" không được để trống
        [year] Dòng { $line }, cột { $col } ({ $header }): "{ $value }" không phải năm hợp lệ ({ $from }–{ $to })
        [percent] Dòng { $line }, cột { $col } ({ $header }): "{ $value }" phải là số từ 0 đến 100, tối đa hai chữ số thập phân
        [points] Dòng { $line }, cột { $col } ({ $header }): "{ $value }" phải là số, tối đa hai chữ số thập phân
        [rank] Dòng { $line }, cột { $col } ({ $header }): "{ $value }" phải là số nguyên từ 1 trở lên
    }
error-par-entry-duplicate = Tiêu chí { $code } được chấm hai lần
error-par-entry-kind = Tiêu chí { $code } cần dữ liệu loại "{ $kind }"
error-par-entry-missing = Phiếu chưa có điểm của tiêu chí { $code } ({ $name })
error-par-entry-unknown = Bộ tiêu chí không có tiêu chí mã "{ $code }"
error-par-framework-empty =
    { $case ->
       *[other] Bộ tiêu chí phải có ít nhất một lĩnh vực
        [area] Lĩnh vực { $area } chưa có tiêu chí
    }
error-par-framework-json = Tệp bộ tiêu chí không đúng định dạng JSON: { $error }
error-par-mapping-invalid =
    { $case ->
        [order] Các bậc phải xếp theo ngưỡng tăng dần và điểm không giảm
        [no-steps] Quy tắc theo bậc cần ít nhất một bậc
       *[threshold] Ngưỡng { $value }% phải trong khoảng 0–100%
        [step-points] Điểm của bậc ({ $points }) phải từ 0 đến điểm tối đa { $max }
        [linear] Quy tắc tuyến tính cần 0 ≤ ngưỡng 0 điểm ({ $zero_at }%) < ngưỡng điểm tối đa ({ $full_at }%) ≤ 100
    }
error-par-max-invalid =
    { $case ->
        [scale] Thang điểm phải lớn hơn 0
        [adjustment] Điểm thưởng/điểm trừ tối đa phải lớn hơn 0
       *[item] Điểm tối đa của tiêu chí phải lớn hơn 0
    }
error-par-max-sum-mismatch =
    Điểm tối đa { $max } của { $case ->
        [criterion] tiêu chí { $code }
        [area] lĩnh vực { $code }
       *[framework] bộ tiêu chí
    } khác tổng điểm tối đa các mục con ({ $sum })
error-par-not-appraised = Tiêu chí { $code } chưa được thẩm định
error-par-percent-out-of-range = Tỷ lệ hài lòng { $percent }% phải trong khoảng 0–100%
error-par-points-above-max =
    { $what ->
        [self-score] Điểm tự đánh giá
        [appraised] Điểm thẩm định
        [survey] Điểm điều tra xã hội học
       *[adjustment] Điểm thưởng/điểm trừ
    } của tiêu chí { $code } ({ $value }) vượt điểm tối đa { $max }
error-par-points-negative =
    { $what ->
        [self-score] Điểm tự đánh giá
        [appraised] Điểm thẩm định
        [survey] Điểm điều tra xã hội học
       *[adjustment] Điểm thưởng/điểm trừ
    } của tiêu chí { $code } ({ $value }) không được âm
error-par-ratio-invalid = Tiêu chí { $code }: tử số ({ $numerator }) lớn hơn mẫu số ({ $denominator })
error-password-too-short =
    { $case ->
        [admin] Mật khẩu quản trị phải có ít nhất { $min } ký tự
       *[other] Mật khẩu phải có ít nhất { $min } ký tự
    }
error-phone-or-id-required = Cần số điện thoại hoặc số giấy tờ tùy thân của người nộp để tra cứu hồ sơ
error-procedure-code-taken = Đã có thủ tục mã { $code }
error-procedure-not-found = Không có thủ tục mã { $code }
error-procedure-not-in-force = Thủ tục này hiện không còn hiệu lực hoặc chưa có hiệu lực
error-procedure-not-online =
    { $case ->
       *[other] Thủ tục này chưa cung cấp dịch vụ công trực tuyến; xin nộp tại Bộ phận Một cửa
        [now] Thủ tục này hiện không nhận hồ sơ trực tuyến; xin nộp tại Bộ phận Một cửa
    }
error-rating-not-allowed = Chỉ đánh giá được hồ sơ đã trả kết quả
error-required =
    { $case ->
       *[other] Thông tin này là bắt buộc.
        [user-unit] Cần chọn đơn vị công tác
        [step-name] Tên bước không được để trống
        [name] Tên không được để trống
        [unit-code] Thiếu mã đơn vị
        [parent-unit] Cần chọn đơn vị cấp trên
        [new-due-date] Cần ngày hẹn trả mới
        [reason] Cần ghi rõ lý do khi { $action }
        [field] Thiếu trường bắt buộc "{ $field }"
        [parameter] Thiếu tham số "{ $name }"
        [record-version] Thiếu phiên bản của bản ghi; hãy tải lại trang
        [not-empty] Trường này không được để trống
        [version] Thiếu phiên bản; hãy tải lại trang
        [json-file] Hãy chọn tệp JSON hoặc dán nội dung JSON
        [score] Xin chọn một mức đánh giá cho tiêu chí { $n }
        [supplement-reason] Cần ghi rõ lý do yêu cầu bổ sung hồ sơ
        [supplement-items] Cần liệt kê giấy tờ phải bổ sung, hoàn thiện (mỗi dòng một mục)
    }
error-reschedule-not-later = Ngày hẹn mới phải sau ngày hẹn trả hiện tại
error-reschedule-not-working-day = Ngày hẹn mới phải là ngày làm việc
error-reschedule-only-once = Hồ sơ đã được hẹn lại ngày trả một lần; không được hẹn lại lần nữa
error-reschedule-too-late = Phải xin lỗi và hẹn lại ngày trả chậm nhất trước hạn trả kết quả một ngày làm việc
error-reschedule-without-due-date = Hồ sơ chưa có ngày hẹn trả
error-role-not-allowed =
    { $case ->
        [submit] Chỉ người dân, tổ chức nộp hồ sơ trực tuyến; cán bộ tiếp nhận trực tiếp tại quầy
       *[action] Vai trò của bạn không được thực hiện thao tác "{ $action }"
    }
error-sipas-code-duplicate = Mã "{ $code }" đã dùng tại { $first }
error-sipas-counts-mismatch =
    { $case ->
       *[other] Số liệu không thuộc phiếu khảo sát này
        [tallies] Hai bảng số liệu thuộc hai phiếu khảo sát khác nhau
        [count] Có số liệu của { $given } câu hỏi, phiếu khảo sát có { $questions }
    }
error-sipas-design-empty =
    { $case ->
       *[other] Phiếu khảo sát cần ít nhất một yếu tố
        [element] Yếu tố { $element } chưa có câu hỏi
    }
error-sipas-design-json = Tệp phiếu khảo sát không đúng định dạng: { $error }
error-sipas-margin-invalid = Sai số cho phép { $margin }% phải lớn hơn 0 và nhỏ hơn 100%
error-sipas-response-length = Phiếu có { $answers } câu trả lời, phiếu khảo sát có { $questions } câu hỏi
error-sipas-weights-invalid =
    { $case ->
       *[other] Trọng số phải là số dương
        [element] Yếu tố "{ $element }" không có trong phiếu hoặc bị lặp
        [missing] Thiếu trọng số của yếu tố { $element }
    }
error-stale-version =
    { $case ->
        [dossier] Hồ sơ vừa được người khác xử lý; hãy tải lại rồi thử lại
       *[other] Dữ liệu đã được người khác thay đổi; hãy tải lại rồi thử lại
    }
error-synonym-line-invalid =
    { $case ->
       *[one-phrase] Dòng { $line }: một nhóm từ đồng nghĩa cần ít nhất hai cụm từ, cách nhau bằng dấu phẩy
        [too-many-phrases] Dòng { $line }: một nhóm có nhiều nhất { $max } cụm từ
        [phrase-too-long] Dòng { $line }: mỗi cụm từ dài nhiều nhất { $max } ký tự
        [no-words] Dòng { $line }: có cụm từ không chứa chữ hay số nào
    }
error-synonym-list-too-long = Danh sách từ đồng nghĩa có nhiều nhất { $max } nhóm
error-text-too-long =
    { $case ->
       *[other] Nội dung dài { $n } ký tự, tối đa { $max } ký tự.
        [plain] Nội dung quá dài
    }
error-too-many-attempts =
    { $case ->
       *[other] Đăng nhập sai quá nhiều lần từ nơi này; xin thử lại sau { $seconds } giây
        [lookup] Tra cứu sai quá nhiều lần; xin thử lại sau { $seconds } giây
        [password] Nhập sai mật khẩu hiện tại quá nhiều lần; xin thử lại sau { $seconds } giây
    }
error-unauthenticated = Bạn cần đăng nhập
error-unit-code-taken = Mã đơn vị đã được dùng
error-unknown-action = Không có thao tác "{ $action }"
error-unknown-component = Thủ tục không có thành phần hồ sơ "{ $name }"
error-unknown-field = Không có lĩnh vực mã { $code }
error-unknown-procedure = Không có thủ tục mã { $code }
error-unknown-unit =
    { $case ->
       *[other] Không có đơn vị này
        [parent] Không có đơn vị cấp trên này
        [id] Không có đơn vị số { $id }
        [code] Không có đơn vị mã { $code }
        [parent-id] Không có đơn vị cấp trên số { $id }
        [feedback] Không có đơn vị này
    }
error-unreadable-body = Không đọc được nội dung
error-unsupported-media-type = Nội dung phải là JSON (Content-Type: application/json)
error-user-unit = Cán bộ phải thuộc một đơn vị; người dân thì không
error-username-taken = Tên đăng nhập đã được dùng
error-workflow-empty = Quy trình phải có ít nhất một bước xử lý
error-workflow-shares-exceed-limit = Tổng thời gian các bước ({ $total }) vượt thời hạn giải quyết ({ $amount } { $unit })
error-workflow-step-role = Bước xử lý chỉ giao cho chuyên viên, lãnh đạo hoặc cán bộ một cửa
error-year-mismatch = Năm trong nội dung khác năm trên đường dẫn
error-cannot-change-self = Không thể tự khoá, hạ quyền hoặc chuyển đơn vị tài khoản của chính mình; một quản trị viên khác có thể làm việc này
error-unit-not-found = Không có đơn vị này, hoặc đơn vị không thuộc phạm vi của bạn
error-user-not-found = Không có người dùng này
error-contact-required = Cần số điện thoại hoặc email để cơ quan trả lời bạn
error-csrf-failed = Biểu mẫu đã hết hạn hoặc không gửi từ trang này; xin tải lại trang rồi gửi lại
error-date-outside-year = Dòng { $line }: ngày { $date } không thuộc năm { $year }
error-day-both-ways = Ngày { $date } vừa là ngày nghỉ vừa là ngày làm bù
error-file-not-found = Không tìm thấy tệp
error-file-too-large = Tệp "{ $name }" lớn hơn { $max } MB
error-file-type-not-allowed = Tệp "{ $name }" không phải PDF, JPEG, PNG hoặc DOCX (hệ thống kiểm tra nội dung tệp, không chỉ phần đuôi tên)
error-form-already-sent = Biểu mẫu này đã được gửi một lần. Xin xem mục Hồ sơ của tôi trước khi gửi lại; nếu vẫn muốn gửi hồ sơ mới, bấm Nộp hồ sơ lần nữa.
error-invalid-choice = Hãy chọn { $what } trong danh sách
error-invalid-dossier-code = Mã hồ sơ không đúng dạng (ví dụ H11.100-260304-0001); có thể để trống
error-period-invalid =
    { $case ->
       *[format] "{ $value }" không phải là một kỳ báo cáo (dạng 2026, 2026-Q1 hoặc 2026-03)
        [before-from] "Đến ngày" không được trước "Từ ngày"
        [too-long] Kỳ báo cáo dài quá 10 năm
    }
error-invalid-filter =
    { $case ->
       *[date] Ngày không hợp lệ (dạng năm-tháng-ngày)
        [cursor] Trang không hợp lệ
        [channel] Kênh nộp không hợp lệ
        [status] Trạng thái này không chờ xử lý
        [period] "Đến ngày" phải sau "Từ ngày"
        [level] Không có cấp đơn vị "{ $value }" để xếp hạng (commune hoặc department)
        [basis] Không có cách ghi nhận số liệu "{ $value }" (handling: đơn vị giải quyết, intake: đơn vị tiếp nhận)
    }
error-invalid-form =
    { $case ->
       *[other] Biểu mẫu không hợp lệ: { $error }
        [upload] Không đọc được biểu mẫu tải lên
    }
error-invalid-time =
    { $case ->
       *[received] Giờ tiếp nhận không hợp lệ (hh:mm)
        [value] "{ $value }" không phải giờ hợp lệ (hh:mm)
    }
error-method-not-allowed = Địa chỉ này chỉ nhận biểu mẫu gửi đi; xin quay lại trang trước.
error-slip-not-available = Hồ sơ chưa có phiếu này (chưa có bước tương ứng trong quá trình xử lý)
error-submission-too-large = Tổng dung lượng các tệp vượt quá { $max } MB
error-text-too-short = Nội dung cần ít nhất { $min } ký tự để cơ quan hiểu được sự việc
error-too-many-files = Chỉ gửi được tối đa { $max } tệp trong một hồ sơ
error-upload-failed = Không nhận được đầy đủ biểu mẫu; xin gửi lại

## reform

error-reform-framework-not-found = Không tìm thấy bộ tiêu chí này trong tỉnh
error-reform-framework-version-taken = Bộ tiêu chí "{ $code }" đã có phiên bản { $version }; hãy tăng số phiên bản (các đợt đánh giá đã dùng phiên bản cũ vẫn giữ nguyên)
error-reform-campaign-not-found = Không tìm thấy đợt đánh giá này
error-reform-campaign-status = Việc này không làm được khi đợt đánh giá đang ở trạng thái "{ $status }"
error-reform-unit-not-in-campaign = Đơn vị này không thuộc nhóm được đánh giá trong đợt
error-reform-units-empty = Cần chọn ít nhất một đơn vị được đánh giá
error-reform-unit-outside-province = Đơn vị (mã số { $id }) không thuộc tỉnh của cơ quan đánh giá
error-reform-already-submitted = Đơn vị đã gửi bản tự đánh giá; không sửa được nữa
error-reform-self-incomplete = Chưa chấm tiêu chí { $code } ({ $name }); cần tự chấm mọi tiêu chí trước khi gửi
error-reform-entry-office-only = Tiêu chí { $code } do cơ quan đánh giá nhập (điều tra, số liệu tính tự động, điểm thưởng, điểm trừ), đơn vị không tự chấm
error-reform-entry-unit-only = Tiêu chí { $code } do đơn vị tự chấm; cơ quan đánh giá thẩm định điểm đó
error-reform-not-self-scored = Đơn vị chưa tự chấm tiêu chí { $code } nên chưa thẩm định được
error-reform-period-invalid = Ngày kết thúc kỳ đánh giá không được trước ngày bắt đầu
error-reform-year-invalid = Năm đánh giá { $year } phải từ 1990 đến 2100
error-reform-csv-empty = Tệp CSV không có dòng kết quả nào
error-reform-deadline-invalid = Hạn gửi tự đánh giá không hợp lệ (năm-tháng-ngày)
error-reform-evidence-not-found = Không có tệp minh chứng này
error-sipas-design-not-found = Không tìm thấy phiếu khảo sát này
error-sipas-design-version-taken = Phiếu khảo sát năm { $year } đã có phiên bản { $version }; hãy tăng số phiên bản
error-sipas-token-not-found = Đường dẫn khảo sát không đúng hoặc đã hết hiệu lực
error-sipas-token-used = Phiếu khảo sát của đường dẫn này đã được trả lời; mỗi đường dẫn chỉ trả lời một lần
error-sipas-token-count = Mỗi lần tạo từ 1 đến { $max } đường dẫn khảo sát
error-sipas-paper-count = Mỗi lần nhập từ 1 đến { $max } phiếu giấy
error-sipas-answer-invalid = Câu { $question }: "{ $value }" không phải mức trả lời từ 1 đến 5
error-reform-points-invalid = "{ $value }" không phải là số điểm (số không âm, tối đa hai chữ số thập phân, ví dụ 1,5)

# Administration scope

error-unit-outside-admin-scope = Đơn vị này nằm ngoài phạm vi đơn vị bạn quản trị; chỉ được chọn đơn vị của bạn hoặc đơn vị trực thuộc
error-procedure-outside-admin-scope = Thủ tục { $code } có cơ quan thực hiện hoặc bước xử lý ngoài phạm vi đơn vị bạn quản trị; chỉ quản trị viên của đơn vị cấp trên mới được sửa
error-user-outside-admin-scope = Tài khoản này thuộc đơn vị ngoài phạm vi bạn quản trị
error-province-admin-only = Chỉ quản trị viên cấp tỉnh (đơn vị gốc của cây đơn vị) mới được làm việc này: { $case ->
    [calendar] lịch ngày làm việc dùng chung cho cả tỉnh
    [reform-officer] tạo hoặc giao vai trò cán bộ cải cách hành chính
    [synonyms] danh sách từ đồng nghĩa của tra cứu thủ tục dùng chung cho cả tỉnh
   *[other] việc này thuộc cấp tỉnh
}
error-reform-unit-outside-office = Đơn vị (mã số { $id }) không thuộc phạm vi đơn vị của cán bộ cải cách hành chính này
error-reform-province-office-only = Chỉ cán bộ cải cách hành chính của tỉnh (đặt tại đơn vị gốc) mới được làm việc này: bộ tiêu chí, kết quả đã công bố và phiếu khảo sát SIPAS dùng chung cho cả tỉnh

# Input hardening
error-forbidden-character = "{ $field }" chứa ký tự NUL (U+0000), không lưu được
error-invalid-utf8 = "{ $field }" không phải văn bản UTF-8 hợp lệ
error-unsupported-charset = JSON phải gửi ở bảng mã UTF-8 (không nhận bảng mã "{ $charset }")
error-cross-site-request = Yêu cầu đăng nhập bằng cookie phiên phải đến từ chính trang này: gửi mã CSRF của trang trong X-CSRF-Token, hoặc gửi JSON với Origin của trang
error-too-many-items = "{ $field }" có tối đa { $max } mục
error-duplicate-item = "{ $field }" có "{ $value }" lặp lại
error-malformed-request = Yêu cầu không đúng dạng (đường dẫn, tham số hoặc nội dung không đọc được)

# Routing

error-step-unit-unresolved = Bước { $step } ({ $name }) không xác định được đơn vị xử lý cho hồ sơ này: { $unit } không thuộc đơn vị { $level } nào
error-step-unit-level-required = Chọn cấp của đơn vị xử lý bước này (ví dụ: cấp xã, cấp tỉnh)
error-receiver-not-allowed = { $unit } không tiếp nhận thủ tục { $code }; hãy nộp tại đơn vị có thẩm quyền tiếp nhận
error-step-unit-kind = Đơn vị xử lý phải là: đơn vị tiếp nhận, cơ quan thực hiện, đơn vị cấp trên theo cấp, hoặc một đơn vị cố định
error-step-unit-detail-unused =
    { $case ->
       *[fixed] Đã chọn đơn vị cố định, nhưng bước này không dùng "Một đơn vị cố định"; hãy chọn lại cách xác định đơn vị hoặc bỏ chọn đơn vị
        [ancestor] Đã chọn cấp, nhưng bước này không dùng "Đơn vị cấp trên"; hãy chọn lại cách xác định đơn vị hoặc bỏ chọn cấp
    }

# Authentication hardening
error-password-too-long = Mật khẩu chỉ được dài tối đa { $max } ký tự
error-password-common = Mật khẩu này nằm trong danh sách mật khẩu phổ biến hoặc đã bị lộ; xin chọn mật khẩu khác (vài từ không liên quan ghép lại vừa dễ nhớ vừa an toàn)
error-password-is-username = Mật khẩu không được trùng với tên đăng nhập
error-server-busy = Máy chủ đang bận kiểm tra mật khẩu khác; xin thử lại sau { $seconds } giây
error-too-many-registrations = Hôm nay đã có quá nhiều tài khoản được mở từ địa chỉ này; xin thử lại vào ngày mai

# Assignment, return and bulk actions (issue 10)
error-assignee-inactive = Tài khoản được phân công (assignee_id) đã bị khóa; hãy chọn cán bộ khác đang làm việc
error-assignee-other-unit = Chỉ được phân công cho cán bộ của chính đơn vị đang xử lý bước này (assignee_id)
error-assignee-wrong-role = Chỉ được phân công cho { $role } hoặc lãnh đạo của đơn vị đang xử lý bước này (assignee_id)
error-assignee-unchanged = Hồ sơ đã được phân công cho cán bộ này (assignee_id)
error-assignee-not-found = Không tìm thấy cán bộ được phân công (assignee_id)
error-return-step-not-found = Quy trình chỉ có { $steps } bước; hãy chọn một bước có trong quy trình (to_step)
error-return-step-not-earlier = Chỉ được trả lại một bước trước bước hiện tại (bước { $current }); bước { $step } không đứng trước (to_step)
error-bulk-action-not-allowed = Xử lý hàng loạt chỉ dùng cho "Chuyển bước tiếp theo" hoặc "Hoàn thành" (action)

# Staff search of dossiers (issue 11)
error-search-query-required = Hãy nhập mã hồ sơ, họ tên, số điện thoại hoặc số CCCD/CMND cần tìm (q)
error-search-query-too-long = Nội dung tìm kiếm dài quá { $max } ký tự (q)
error-search-query-unrecognised = Không nhận ra nội dung tìm kiếm: hãy nhập mã hồ sơ (ví dụ H11.100-260309-0001), họ tên, số điện thoại (10 hoặc 11 chữ số) hoặc số CCCD (12 chữ số), CMND (9 chữ số), hộ chiếu (q)
error-search-range-invalid = Ngày "từ" phải trước hoặc bằng ngày "đến" (from)
error-note-audience-fixed = Ghi chú của thao tác này { $audience }, không chọn khác được (note_for)
error-note-audience-invalid = Người đọc ghi chú (note_for) phải là "applicant" (người nộp hồ sơ) hoặc "internal" (nội bộ)
error-password-wrong = Mật khẩu hiện tại không đúng (current_password)
error-password-unchanged = Mật khẩu mới phải khác mật khẩu hiện tại (new_password)
error-password-change-required = Tài khoản đang dùng mật khẩu tạm do quản trị viên đặt lại: hãy đổi mật khẩu trước (/account/password)
error-session-not-found = Không có phiên đăng nhập này trong tài khoản của bạn (có thể đã kết thúc)
error-password-mismatch = Hai lần nhập mật khẩu mới không giống nhau (confirm_password)

## register and slips
error-counter-hours-invalid = Giờ làm việc của Bộ phận Một cửa "{ $value }" phải viết dạng 07:30-17:00, giờ mở cửa trước giờ đóng cửa
error-register-timeliness-invalid = Bộ lọc "đúng hạn/quá hạn" (timeliness) chỉ nhận "on_time" (đúng hạn) hoặc "late" (quá hạn)

## Reform sheet drafts
error-reform-draft-too-large = Bản nháp quá lớn (tối đa { $max } byte)
error-sipas-base-url-invalid = Địa chỉ công khai "{ $value }" không hợp lệ: cần dạng https://ten-mien hoặc http://ten-mien:cong (base)

## Signature verification (issue 12)
error-not-pdf = Tệp không phải là tệp PDF (hệ thống kiểm tra nội dung tệp, không chỉ phần đuôi tên)
error-pdf-unreadable = Không đọc được tệp PDF: tệp bị hỏng hoặc không đúng định dạng PDF
error-pdf-encrypted = Tệp PDF được mã hóa (đặt mật khẩu): xin gửi bản không mã hóa
error-no-signatures = Tệp PDF không có chữ ký số nào
error-file-required = Xin chọn một tệp

## Online supplement, online withdrawal and the procedure's form files (branch online)
error-no-file = Hãy chọn ít nhất một tệp để gửi
error-form-type-not-allowed = Tệp "{ $name }" không phải PDF, DOC, DOCX, XLS hoặc XLSX (hệ thống kiểm tra nội dung tệp, không chỉ phần đuôi tên)
error-procedure-form-not-found = Thủ tục không có mẫu đơn, tờ khai này
error-procedure-form-name-taken = Thủ tục đã có mẫu đơn, tờ khai tên "{ $name }"; hãy đặt tên khác
error-too-many-forms = Một thủ tục có tối đa { $max } tệp mẫu đơn, tờ khai; hãy gỡ bớt tệp cũ trước

## Electronic results (issue 12)
error-reason-required = Vui lòng nêu lý do (reason)
error-result-already-issued = Kết quả của hồ sơ đã được ban hành
error-result-not-issuer = Chỉ lãnh đạo đơn vị đã ban hành kết quả mới được thực hiện việc này
error-result-wrong-status = Chỉ chuẩn bị kết quả khi hồ sơ đang được xử lý (trạng thái hiện tại: { $status })
error-result-already-signed = Kết quả đã được ký
error-result-not-found = Hồ sơ không có kết quả này
error-result-signer-not-leader = Chỉ lãnh đạo mới ký kết quả
error-result-not-signed = Kết quả đã chuẩn bị phải được lãnh đạo ký số trước khi ban hành (result)
error-result-not-issued = Chỉ thu hồi được kết quả đã ban hành
error-result-title-required = Vui lòng nhập tên kết quả, ví dụ "Giấy khai sinh" (title)
error-result-changed = Kết quả đã thay đổi trong lúc bạn thao tác: vui lòng tải lại hồ sơ và thử lại
error-agency-key-missing = Đơn vị { $unit } chưa được cấu hình khóa ký số cơ quan nên chưa ban hành được kết quả điện tử; vui lòng liên hệ quản trị
error-timestamp-unavailable = Không lấy được dấu thời gian từ máy chủ cấp dấu thời gian nên văn bản chưa được ký; chưa có gì thay đổi, vui lòng thử lại sau
error-remote-signing-unavailable = Chưa cấu hình dịch vụ ký số từ xa; vui lòng ký bằng phần mềm ký số (plugin)
error-signing-pending = Kết quả này đang chờ xác nhận ký số
error-remote-unknown-user = Dịch vụ ký số từ xa chưa có tài khoản của bạn: vui lòng đăng ký chứng thư số với nhà cung cấp trước
error-remote-refused = Chữ ký đã bị từ chối trên ứng dụng ký số
error-remote-expired = Chữ ký chưa được xác nhận trên ứng dụng ký số trong thời hạn; vui lòng ký lại
error-upload-not-served-document = Tệp đã ký không phải là văn bản được đưa ra để ký (file)
error-duplicate-signature = Tệp đã ký này đã được nhận trước đó (file)
error-no-new-signature = Tệp không có chữ ký số mới (file)
error-signature-invalid = Chữ ký số mới trong tệp không hợp lệ (file)
error-signature-indeterminate = Chưa xác nhận được chữ ký số mới: chứng thư số không do tổ chức tin cậy cấp, hoặc chưa kiểm tra được tình trạng thu hồi (file)
# Electronic forms (tờ khai điện tử): the administrator's definition.
error-eform-label-required = Cần nhập tên (tiêu đề) bằng tiếng Việt
error-eform-component-required = Cần chọn thành phần hồ sơ mà tờ khai điện tử điền thay
error-eform-component-unknown = Thủ tục không có thành phần hồ sơ "{ $name }"
error-eform-no-fields = Tờ khai điện tử cần ít nhất một trường
error-eform-kind-invalid = Hãy chọn loại trường trong danh sách
error-eform-too-many-fields = Tờ khai điện tử có tối đa { $max } trường
error-eform-key-required = Cần nhập mã trường
error-eform-key-invalid = Mã trường chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ, tối đa { $max } ký tự
error-eform-key-taken = Mã trường "{ $key }" đã dùng cho một trường khác
error-eform-max-length-invalid = Độ dài tối đa phải từ 1 đến { $max } ký tự
error-eform-option-repeated = Lựa chọn "{ $option }" bị lặp lại
error-eform-too-many-options = Một trường lựa chọn có tối đa { $max } lựa chọn
error-eform-options-required = Trường lựa chọn cần ít nhất hai lựa chọn, mỗi dòng một lựa chọn
error-eform-not-found = Thủ tục chưa có tờ khai điện tử
error-eform-not-offered = Thủ tục này không có tờ khai điện tử để điền
# Electronic forms: the citizen's values.
error-eform-unknown-field = Tờ khai không có trường "{ $key }"
error-eform-required = { $label }: thông tin bắt buộc
error-eform-too-long = { $label }: dài { $n } ký tự, tối đa { $max } ký tự
error-eform-not-a-date = { $label }: không phải ngày hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 04/03/2026
error-eform-not-a-number = { $label }: cần nhập một số nguyên, ví dụ 3
error-eform-not-an-option = { $label }: hãy chọn một trong các lựa chọn có sẵn
error-eform-not-yes-no = { $label }: chỉ nhận "có" hoặc "không"

## Digitised components and their reuse (số hóa, tái sử dụng)
error-digitise-not-allowed = Chỉ cán bộ một cửa, chuyên viên hoặc lãnh đạo của đơn vị tiếp nhận hay đơn vị đang xử lý hồ sơ mới được số hóa thành phần hồ sơ
error-digitise-wrong-status = Chỉ số hóa hồ sơ đã được tiếp nhận và chưa bị từ chối, rút hay dừng (trạng thái hiện tại: { $status })
error-holder-id-missing = Hồ sơ chưa có số định danh cá nhân (CCCD) của người nộp, nên không lưu được bản số hóa cho người đó (applicant.id_number)
error-reuse-component-unknown = Thủ tục không có thành phần hồ sơ "{ $component }" để dùng lại giấy tờ đã số hóa (reuse)
error-reuse-component-twice = Thành phần "{ $component }" chỉ dùng lại một giấy tờ (reuse)
error-kept-document-not-found = Không tìm thấy giấy tờ đã số hóa này trong kho của người nộp, hoặc giấy tờ đã bị thu hồi (reuse)
error-digitise-not-pdf = Chỉ số hóa được tệp PDF; hãy quét thành phần hồ sơ ra PDF (file)
error-already-digitised = Tệp này đã được số hóa; bản số hóa đã có trong kho của người nộp (file)

# Feedback (PAKN) handled to a deadline (docs/feedback.md)
error-feedback-topic-invalid = Phân loại phản ánh, kiến nghị phải là "về quy định hành chính, thủ tục" hoặc "về hành vi của cán bộ, công chức" (topic)
error-feedback-topic-required = Hãy phân loại phản ánh, kiến nghị (về quy định, thủ tục hay về hành vi của cán bộ) trước khi trả lời hoặc từ chối (topic)
error-feedback-rating-invalid = Hãy chọn "Hài lòng" hoặc "Không hài lòng" (rating)
error-feedback-already-handled = Phản ánh, kiến nghị này đã được trả lời hoặc từ chối; không thể chuyển, trả lời hay từ chối nữa
error-feedback-not-answered = Phản ánh, kiến nghị này chưa được trả lời
error-feedback-no-consent = Người gửi không đồng ý công khai câu trả lời
error-feedback-already-published = Câu trả lời đã được công khai
error-feedback-already-rated = Bạn đã đánh giá việc xử lý phản ánh, kiến nghị này
error-feedback-same-unit = Phản ánh, kiến nghị đã ở đơn vị này; hãy chọn đơn vị khác để chuyển (to_unit)
error-feedback-repeat-invalid = Số phản ánh, kiến nghị bị trùng phải là số của một phản ánh, kiến nghị nhận trước đó (repeat_of)
## Notifications and escalation
error-escalation-hours-invalid = Số giờ làm việc phải từ 1 đến { $max }
error-escalation-rule-not-found = Không có quy tắc đôn đốc này
error-notify-unknown-variable = Mẫu thông báo dùng biến "{ $name }" không có cho loại thông báo này
error-notify-template-syntax = Mẫu thông báo có dấu ngoặc nhọn không đóng hoặc biến không có tên; viết biến như {"{"}dossier_code{"}"}
error-notify-channel-unknown = Chọn cách nhận thông báo trong danh sách: thư điện tử, SMS hoặc Zalo
error-notify-address-required = Cần địa chỉ thư điện tử hoặc số điện thoại cho cách nhận thông báo đã chọn
error-notify-channel-not-configured = Hệ thống chưa cấu hình kênh gửi này; thông báo được lưu nhưng không gửi
error-notify-no-address = Không có địa chỉ thư điện tử hoặc số điện thoại để gửi
error-smtp-unreachable = Không kết nối được máy chủ thư (SMTP); sẽ gửi lại
error-smtp-temporary = Máy chủ thư tạm thời từ chối; sẽ gửi lại
error-smtp-refused = Máy chủ thư từ chối thư này
error-smtp-bad-address = Địa chỉ thư điện tử không hợp lệ
error-gateway-unreachable = Không kết nối được cổng gửi tin; sẽ gửi lại
error-gateway-http-status = Cổng gửi tin trả lời lỗi; sẽ gửi lại
error-gateway-refused = Cổng gửi tin từ chối tin này
error-gateway-bad-answer = Cổng gửi tin trả lời không đúng giao thức
error-zalo-refused = Zalo từ chối tin ZNS này (mẫu, số điện thoại hoặc mã truy cập)
## Phí, lệ phí, thanh toán trực tuyến và biên lai điện tử
error-exemption-code-invalid = Đối tượng miễn, giảm cần một mã ngắn, tối đa 40 ký tự
error-exemption-code-twice = Mã miễn, giảm "{ $code }" bị dùng hai lần trên khoản phí này
error-exemption-percent-invalid = Mức miễn, giảm phải từ 1 đến 100 phần trăm
error-unknown-exemption = Không khoản phí nào thu ở giai đoạn này có đối tượng miễn, giảm "{ $code }"
error-fee-stage-paid = Phí, lệ phí của giai đoạn này ({ $stage }) đã được nộp
error-no-fee-due = Không có khoản phải nộp ở giai đoạn này ({ $stage }): không có phí hoặc đã được miễn toàn bộ
error-dossier-closed = Hồ sơ đã kết thúc ({ $status }): không thể ghi nhận thanh toán
error-payment-not-requested = Hồ sơ hiện không có yêu cầu nộp phí (đã nộp hoặc chưa được yêu cầu)
error-payment-amount-mismatch = Số tiền đã nộp ({ $paid } đồng) khác số tiền phải nộp ({ $requested } đồng)
error-payment-algorithm-unknown = Thuật toán ký "{ $algorithm }" không được hỗ trợ; dùng hmac-sha256 hoặc hmac-sha512
error-payment-config-invalid = Cấu hình kết nối nền tảng thanh toán chưa đầy đủ hoặc không hợp lệ
error-payment-signature-invalid = Thông điệp của nền tảng thanh toán không có chữ ký hợp lệ
error-payment-merchant-unknown = Thông điệp của nền tảng thanh toán không dành cho hệ thống này
error-payment-field-invalid = Thông điệp của nền tảng thanh toán có giá trị không hợp lệ
error-payment-field-missing = Thông điệp của nền tảng thanh toán thiếu trường thông tin
error-payment-unknown-reference = Không có yêu cầu thanh toán với mã tham chiếu này
error-payment-not-configured = Chưa hỗ trợ thanh toán trực tuyến; vui lòng nộp tại Bộ phận Một cửa
error-statement-malformed = Bảng kê không đúng định dạng (dòng { $line })
error-statement-too-large = Bảng kê có quá { $max } dòng
error-statement-duplicate = Bảng kê có một giao dịch lặp lại (dòng { $line })
error-payment-method-invalid = Hình thức nộp phải là tiền mặt hoặc chuyển khoản
error-receipt-not-found = Không tìm thấy biên lai
error-exemption-line-invalid = Mỗi dòng một đối tượng miễn, giảm theo dạng: mã; tên; tỷ lệ phần trăm
## Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia (docs/portal-sync.md)
error-portal-required = Thiếu trường bắt buộc của bản ghi đồng bộ
error-portal-bad-format = Trường không đúng định dạng Cổng quy định (mã, ngày giờ yyyyMMddHHmmss, số)
error-portal-bad-value = Giá trị không có trong danh mục của Cổng
error-portal-too-long = Trường dài hơn Cổng cho phép
error-portal-date-order = Ngày tiếp nhận trước ngày nộp hồ sơ
error-portal-rejected = Cổng Dịch vụ công quốc gia từ chối bản ghi
error-portal-bad-answer = Cổng trả lời không đúng giao thức; sẽ thử lại
error-portal-unreachable = Không kết nối được Cổng (mạng, hết thời gian chờ hoặc lỗi máy chủ); sẽ thử lại
error-portal-auth-failed = Cổng từ chối tài khoản kết nối; kiểm tra tên đăng nhập và mật khẩu
error-portal-session-expired = Phiên kết nối Cổng đã hết hạn
error-portal-url-invalid = Địa chỉ Cổng phải bắt đầu bằng http:// hoặc https://
error-portal-no-code = Hồ sơ không có mã hồ sơ (chưa được tiếp nhận) nên không gửi lên Cổng
error-portal-import-not-json = Tệp không phải JSON
error-portal-import-empty = Tệp không có thủ tục nào
## Định dạng gói tin edXML theo QCVN 102 (docs/exchange.md)
error-edxml-malformed = Gói tin không phải XML UTF-8 hợp lệ
error-edxml-namespace = Gói tin không phải edXML: phần tử gốc phải là edXML trong không gian tên { $namespace }
error-edxml-required = Thiếu một phần tử bắt buộc của gói tin hoặc phần tử để trống
error-edxml-too-long = Phần tử dài quá { $max } ký tự
error-edxml-bad-date = Ngày không đúng định dạng { $format }
error-edxml-bad-value = Giá trị không có trong danh mục mã của phần tử
error-edxml-bad-base64 = Nội dung tệp đính kèm không phải base64 hợp lệ
error-edxml-organ-id = “{ $value }” không phải mã định danh cơ quan (bốn nhóm, ví dụ 000.00.04.G18)
error-edxml-no-recipient = Gói tin không có nơi nhận
error-edxml-duplicate-recipient = Nơi nhận { $organ } bị ghi hai lần
error-edxml-duplicate-attachment = Hai tệp đính kèm có cùng mã nội dung
error-edxml-due-before-date = Hạn xử lý sớm hơn ngày ban hành văn bản
error-edxml-secret = Văn bản mật không được gửi, nhận qua liên thông văn bản
error-edxml-reason-required = Từ chối phải nêu lý do

## Official documents (văn bản đi, văn bản đến; docs/documents.md)
error-document-direction-invalid = Loại sổ phải là văn bản đến (den) hoặc văn bản đi (di)
error-document-series-invalid = Sổ văn bản này không có trong danh mục sổ của cơ quan
error-document-type-invalid = Hãy chọn một loại văn bản trong danh mục
error-document-issuer-invalid = Ký hiệu cơ quan ban hành gồm chữ in hoa và chữ số, các nhóm nối bằng dấu gạch ngang (ví dụ UBND hoặc UBND-VP), tối đa 20 ký tự
error-document-act-not-allowed = Văn bản đang ở trạng thái không cho phép thao tác này ({ $state })
error-document-act-forbidden = Vai trò hoặc đơn vị của bạn không được thực hiện thao tác này với văn bản
error-document-action-invalid = Thao tác với văn bản không hợp lệ
error-document-lead-required = Hãy chọn đơn vị chủ trì giải quyết
error-document-cooperating-invalid = Đơn vị phối hợp phải khác đơn vị chủ trì và không được chọn hai lần
error-document-deadline-invalid = Thời hạn giải quyết phải từ 1 đến { $max } ngày làm việc
error-document-not-found = Không tìm thấy văn bản, hoặc bạn không có quyền xem văn bản này
error-document-changed = Văn bản vừa được người khác thay đổi; hãy tải lại trang và thử lại
error-document-recipient-invalid = Nơi nhận phải là đơn vị khác trong hệ thống, mỗi đơn vị một lần
error-document-recipients-required = Hãy chọn ít nhất một đơn vị nhận hoặc ghi nơi nhận ngoài hệ thống
error-document-date-invalid = Ngày văn bản không hợp lệ hoặc sau ngày đến
error-document-unit-invalid = Đơn vị chủ trì và phối hợp phải thuộc cùng tỉnh với cơ quan nhận văn bản
error-document-exchange-off = Hệ thống chưa kết nối liên thông văn bản: chưa gửi được văn bản tới cơ quan ngoài hệ thống hoặc trả lời cơ quan gửi
error-exchange-unknown-recipient = Cơ quan nhận không có trong danh bạ mã định danh của hệ thống này
error-exchange-agency-name-invalid = Tên cơ quan không được để trống và tối đa { $max } ký tự
error-exchange-agency-taken = Mã định danh hoặc đơn vị này đã có trong danh bạ
error-publication-decision-date-required = Nhập ngày ban hành quyết định công bố trước khi nhập ngày hiệu lực của căn cứ pháp lý hoặc ngày công khai
error-publication-public-before-decision = Ngày công khai trên CSDL quốc gia không được trước ngày ban hành quyết định công bố ({ $decided })
error-portal-score-out-of-range = Điểm phải từ 0 đến { $max } (đã nhập { $value })
error-portal-score-groups-mismatch = Tổng điểm các nhóm ({ $sum }) không khớp với tổng điểm { $total }
error-portal-score-period-invalid = Kỳ "{ $value }" không hợp lệ: nhập tháng (2026-03), quý (2026-Q1) hoặc năm (2026)
error-portal-score-outside-scope = Đơn vị { $code } không thuộc phạm vi của bạn
error-portal-scores-count = Cần từ 1 đến { $max } dòng điểm
error-portal-scores-csv-invalid = Dòng { $line } của tệp CSV không đúng: { $case ->
    [columns] cần 3 đến 9 cột (mã đơn vị, kỳ, tổng điểm, rồi điểm từng nhóm)
   *[number] có ô không phải là số
}

# Excel and CSV reports: column headings of the periodic report (Biểu II.06a) and the 766 table.

#!/usr/bin/env python3
"""Every day of the years given, as the chinesecalendar package (PyPI, module chinese_calendar)
has it: a first line with the package's version, then a line a day,
`YYYY-MM-DD<TAB>working|off<TAB>the holiday's name, or nothing`.
parkd's calendar files are compared with it by ParkDaemonTests (CalendarDataTests)."""
import datetime
import sys

import chinese_calendar

print("chinesecalendar", chinese_calendar.__version__)
for year in map(int, sys.argv[1:]):
    day = datetime.date(year, 1, 1)
    while day.year == year:
        _, name = chinese_calendar.get_holiday_detail(day)
        print(f"{day}\t{'working' if chinese_calendar.is_workday(day) else 'off'}\t{name or ''}")
        day += datetime.timedelta(days=1)

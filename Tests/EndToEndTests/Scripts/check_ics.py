#!/usr/bin/env python3
"""Reads an iCalendar file as calendar applications do and prints its occurrences.

Usage: check_ics.py FILE FROM TO. Checks the text (CRLF line ends, lines of at most 75 octets,
valid UTF-8 on every line, a VTIMEZONE for every TZID), parses it with python's icalendar
(no errors on any component), expands it with recurring-ical-events between FROM and TO
(YYYY-MM-DD) and prints one line per occurrence, `START|SUMMARY|STATUS`, START as
YYYY-MM-DDTHH:MM in the event's own zone, sorted. Exits 1 on the first problem."""

import datetime
import re
import sys

import icalendar
import recurring_ical_events

path, first, last = sys.argv[1], sys.argv[2], sys.argv[3]
data = open(path, "rb").read()
problems = []
if not data.endswith(b"\r\n"):
    problems.append("the file does not end with CRLF")
lines = data.split(b"\r\n")[:-1]
for number, line in enumerate(lines, 1):
    if b"\n" in line or b"\r" in line:
        problems.append(f"line {number} has a bare line break")
    if len(line) > 75:
        problems.append(f"line {number} is {len(line)} octets long")
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(f"line {number} splits a UTF-8 character")
text = data.decode("utf-8")
used = set(re.findall(r";TZID=([^:;]+)[:;]", text.replace("\r\n ", "")))
defined = set(re.findall(r"\r\nTZID:([^\r]+)\r\n", text))
if used - defined:
    problems.append(f"TZIDs without a VTIMEZONE: {sorted(used - defined)}")

calendar = icalendar.Calendar.from_ical(data)
for component in calendar.walk():
    if component.errors:
        problems.append(f"{component.name} {component.get('UID', '')}: {component.errors}")
if problems:
    print("\n".join(problems))
    sys.exit(1)

start = datetime.date.fromisoformat(first)
end = datetime.date.fromisoformat(last) + datetime.timedelta(days=1)
occurrences = []
for event in recurring_ical_events.of(calendar).between(start, end):
    begins = event["DTSTART"].dt
    occurrences.append(f"{begins.strftime('%Y-%m-%dT%H:%M')}|{event['SUMMARY']}|{event.get('STATUS', '')}")
print("\n".join(sorted(occurrences)))

"""Golden examples for the number parser: what must be found, with value, interval
and qualifier, and what must not be found.  All sentences are written for these
tests (German and English news style)."""

from __future__ import annotations

import pytest

from monitor.text.numbers.find import Figure, find_figures, format_number, parse_number, rate_follows
from monitor.text.numbers.intervals import Widening, interval, several_interval

# (sentence, language, value, low, high, qualifier, figure text)
FOUND: list[tuple[str, str | None, float, float, float, str, str]] = [
    # a lowercase word with a street's ending ("-ring", "-weg") is no street name
    ("A staggering 2.2 million people fled.", "en", 2200000, 2200000, 2200000, "exact", "2.2 million"),
    ("Troops numbering 11,000 crossed the river.", "en", 11000, 11000, 11000, "exact", "11,000"),
    # German digits, all separator styles
    ("Pjöngjang schickte 10.000 Soldaten an die Front.", "de", 10000, 10000, 10000, "exact", "10.000"),
    ("Pjöngjang schickte 10 000 Soldaten an die Front.", "de", 10000, 10000, 10000, "exact", "10 000"),
    ("Pjöngjang schickte 10\u00a0000 Soldaten.", "de", 10000, 10000, 10000, "exact", "10\u00a0000"),
    ("Pjöngjang schickte 10\u202f000 Soldaten.", "de", 10000, 10000, 10000, "exact", "10\u202f000"),
    ("Die Schweiz zählte 650'000 Besucher.", "de", 650000, 650000, 650000, "exact", "650'000"),
    (
        "Die Schweiz zählte mehr als 650’000 Besucher.",
        "de",
        650000,
        650000,
        715000,
        "more_than",
        "mehr als 650’000",
    ),
    ("Es sind 1.500 Mann im Einsatz.", "de", 1500, 1500, 1500, "exact", "1.500"),
    ("Es sind 1500 Mann im Einsatz.", "de", 1500, 1500, 1500, "exact", "1500"),
    (
        "Insgesamt 1.500.000 Granaten wurden geliefert.",
        "de",
        1_500_000,
        1_500_000,
        1_500_000,
        "exact",
        "Insgesamt 1.500.000",
    ),
    ("Es waren 2000 Soldaten in Kursk.", "de", 2000, 2000, 2000, "exact", "2000"),
    ("Es waren 1944 Soldaten gemeldet.", "de", 1944, 1944, 1944, "exact", "1944"),
    # German scale words
    (
        "Rund 1,2 Millionen Menschen sind geflohen.",
        "de",
        1_200_000,
        1_140_000,
        1_260_000,
        "about",
        "Rund 1,2 Millionen",
    ),
    ("Das Land hat 3 Mio. Granaten geliefert.", "de", 3_000_000, 3_000_000, 3_000_000, "exact", "3 Mio."),
    ("Das Land hat 3 Mio Granaten geliefert.", "de", 3_000_000, 3_000_000, 3_000_000, "exact", "3 Mio"),
    (
        "Die Rede ist von 2,5 Mrd. Schuss Munition.",
        "de",
        2_500_000_000,
        2_500_000_000,
        2_500_000_000,
        "exact",
        "2,5 Mrd.",
    ),
    (
        "Es geht um 1,250 Millionen Patronen.",
        "de",
        1_250_000,
        1_250_000,
        1_250_000,
        "exact",
        "1,250 Millionen",
    ),
    (
        "Es geht um 1.250 Millionen Patronen.",
        "de",
        1_250_000_000,
        1_250_000_000,
        1_250_000_000,
        "exact",
        "1.250 Millionen",
    ),
    ("Es waren 12 Tausend Soldaten.", "de", 12000, 12000, 12000, "exact", "12 Tausend"),
    ("Die Armee zählt zwei Milliarden Schuss.", "de", 2e9, 2e9, 2e9, "exact", "zwei Milliarden"),
    # German number words
    ("Drei Millionen Menschen leben dort.", "de", 3_000_000, 3_000_000, 3_000_000, "exact", "Drei Millionen"),
    ("Es kamen zwei Millionen Granaten an.", "de", 2_000_000, 2e6, 2e6, "exact", "zwei Millionen"),
    ("Nur sechs Soldaten überlebten.", "de", 6, 6, 6, "exact", "sechs"),
    ("Zwölf Soldaten wurden gefangen genommen.", "de", 12, 12, 12, "exact", "Zwölf"),
    ("Dort warten zwölftausend Soldaten.", "de", 12000, 12000, 12000, "exact", "zwölftausend"),
    (
        "Dort warten zweitausendfünfhundert Soldaten.",
        "de",
        2500,
        2500,
        2500,
        "exact",
        "zweitausendfünfhundert",
    ),
    (
        "Es sind dreihundertfünfundsechzigtausendvierhundertzwölf Patronen.",
        "de",
        365412,
        365412,
        365412,
        "exact",
        "dreihundertfünfundsechzigtausendvierhundertzwölf",
    ),
    ("Etwa dreieinhalbtausend Männer sind dort.", "de", 3500, 3325, 3675, "about", "Etwa dreieinhalbtausend"),
    (
        "Eine halbe Million Granaten wurde geliefert.",
        "de",
        500_000,
        500_000,
        500_000,
        "exact",
        "Eine halbe Million",
    ),
    ("Es sollen eine Million Schuss sein.", "de", 1_000_000, 1e6, 1e6, "exact", "eine Million"),
    (
        "Es sind anderthalb Millionen Granaten.",
        "de",
        1_500_000,
        1.5e6,
        1.5e6,
        "exact",
        "anderthalb Millionen",
    ),
    (
        "Es sind zweieinhalb Millionen Granaten.",
        "de",
        2_500_000,
        2.5e6,
        2.5e6,
        "exact",
        "zweieinhalb Millionen",
    ),
    ("Dort standen einundzwanzig Panzer.", "de", 21, 21, 21, "exact", "einundzwanzig"),
    ("Es waren hundert Soldaten.", "de", 100, 100, 100, "exact", "hundert"),
    ("Es waren Tausend Soldaten.", "de", 1000, 1000, 1000, "exact", "Tausend"),
    # German qualifiers
    ("Nordkorea schickte etwa 11.000 Soldaten.", "de", 11000, 10450, 11550, "about", "etwa 11.000"),
    ("Nordkorea schickte ca. 11.000 Soldaten.", "de", 11000, 10450, 11550, "about", "ca. 11.000"),
    ("Nordkorea schickte circa 11.000 Soldaten.", "de", 11000, 10450, 11550, "about", "circa 11.000"),
    ("Nordkorea schickte knapp 11.000 Soldaten.", "de", 11000, 10450, 11550, "about", "knapp 11.000"),
    ("Nordkorea schickte ungefähr 11.000 Soldaten.", "de", 11000, 10450, 11550, "about", "ungefähr 11.000"),
    (
        "Nordkorea schickte schätzungsweise 11.000 Soldaten.",
        "de",
        11000,
        10450,
        11550,
        "about",
        "schätzungsweise 11.000",
    ),
    ("Nordkorea schickte annähernd 11.000 Soldaten.", "de", 11000, 10450, 11550, "about", "annähernd 11.000"),
    ("Nordkorea schickte gut 1000 Soldaten.", "de", 1000, 950, 1050, "about", "gut 1000"),
    ("Nordkorea schickte über 11.000 Soldaten.", "de", 11000, 11000, 12100, "more_than", "über 11.000"),
    (
        "Nordkorea schickte über die 11.000 Soldaten.",
        "de",
        11000,
        11000,
        12100,
        "more_than",
        "über die 11.000",
    ),
    (
        "Nordkorea schickte mindestens 11.000 Soldaten.",
        "de",
        11000,
        11000,
        12100,
        "at_least",
        "mindestens 11.000",
    ),
    (
        "Nordkorea schickte wenigstens 11.000 Soldaten.",
        "de",
        11000,
        11000,
        12100,
        "at_least",
        "wenigstens 11.000",
    ),
    ("Nordkorea schickte bis zu 11.000 Soldaten.", "de", 11000, 9900, 11000, "up_to", "bis zu 11.000"),
    ("Nordkorea schickte höchstens 11.000 Soldaten.", "de", 11000, 9900, 11000, "up_to", "höchstens 11.000"),
    (
        "Nordkorea schickte weniger als 11.000 Soldaten.",
        "de",
        11000,
        9900,
        11000,
        "up_to",
        "weniger als 11.000",
    ),
    ("Nordkorea schickte weitere 3500 Soldaten.", "de", 3500, 3500, 3500, "additional", "weitere 3500"),
    (
        "Nordkorea schickte zusätzliche 3500 Soldaten.",
        "de",
        3500,
        3500,
        3500,
        "additional",
        "zusätzliche 3500",
    ),
    ("Nordkorea schickte 3500 weitere Soldaten.", "de", 3500, 3500, 3500, "additional", "3500 weitere"),
    (
        "Nordkorea schickte mehr als etwa 10.000 Soldaten.",
        "de",
        10000,
        10000,
        11000,
        "more_than",
        "mehr als etwa 10.000",
    ),
    ("Nordkorea schickte insgesamt 12.000 Soldaten.", "de", 12000, 12000, 12000, "exact", "insgesamt 12.000"),
    ("Nordkorea schickte RUND 12.000 Soldaten.", "de", 12000, 11400, 12600, "about", "RUND 12.000"),
    ("Es waren 3000 und mehr Soldaten.", "de", 3000, 3000, 3300, "at_least", "3000 und mehr"),
    # several
    ("Mehrere tausend Soldaten sind verlegt worden.", "de", 1000, 2000, 9999, "several", "Mehrere tausend"),
    ("Einige Tausend Soldaten sind verlegt worden.", "de", 1000, 2000, 9999, "several", "Einige Tausend"),
    ("Tausende Soldaten sind verlegt worden.", "de", 1000, 2000, 9999, "several", "Tausende"),
    ("Es kamen Zehntausende Soldaten.", "de", 10000, 20000, 99999, "several", "Zehntausende"),
    ("Es kamen Hunderte Soldaten.", "de", 100, 200, 999, "several", "Hunderte"),
    ("Es kamen Dutzende Soldaten.", "de", 12, 24, 99, "several", "Dutzende"),
    ("Mehrere Millionen Menschen sind geflohen.", "de", 1e6, 2e6, 9_999_999, "several", "Mehrere Millionen"),
    ("Es kamen ein paar hundert Soldaten.", "de", 100, 200, 999, "several", "ein paar hundert"),
    # ranges
    (
        "Zwischen 10.000 und 12.000 Soldaten sind dort.",
        "de",
        11000,
        10000,
        12000,
        "about",
        "Zwischen 10.000 und 12.000",
    ),
    ("Es sind 10.000 bis 12.000 Soldaten.", "de", 11000, 10000, 12000, "about", "10.000 bis 12.000"),
    (
        "Es sind zwei bis drei Millionen Granaten.",
        "de",
        2_500_000,
        2e6,
        3e6,
        "about",
        "zwei bis drei Millionen",
    ),
    ("Es sind 10.000–12.000 Soldaten.", "de", 11000, 10000, 12000, "about", "10.000–12.000"),
    # English
    ("North Korea sent 10,000 troops to Russia.", "en", 10000, 10000, 10000, "exact", "10,000"),
    ("North Korea sent 1,500 troops to Russia.", "en", 1500, 1500, 1500, "exact", "1,500"),
    ("Nearly 1.2 million people fled.", "en", 1_200_000, 1_140_000, 1_260_000, "about", "Nearly 1.2 million"),
    ("Officials counted 1.250 million shells.", "en", 1_250_000, 1.25e6, 1.25e6, "exact", "1.250 million"),
    ("The budget covers 2.5bn rounds.", "en", 2.5e9, 2.5e9, 2.5e9, "exact", "2.5bn"),
    ("The army fired 10k shells.", "en", 10000, 10000, 10000, "exact", "10k"),
    ("Six soldiers were captured.", "en", 6, 6, 6, "exact", "Six"),
    ("Twelve soldiers were captured.", "en", 12, 12, 12, "exact", "Twelve"),
    ("About three thousand soldiers arrived.", "en", 3000, 2850, 3150, "about", "About three thousand"),
    ("The unit had twelve thousand men.", "en", 12000, 12000, 12000, "exact", "twelve thousand"),
    ("They sent a million shells.", "en", 1e6, 1e6, 1e6, "exact", "a million"),
    ("They sent half a million shells.", "en", 500_000, 500_000, 500_000, "exact", "half a million"),
    ("They sent a half million shells.", "en", 500_000, 500_000, 500_000, "exact", "a half million"),
    (
        "They sent two and a half million shells.",
        "en",
        2_500_000,
        2.5e6,
        2.5e6,
        "exact",
        "two and a half million",
    ),
    (
        "There are three hundred and fifty thousand reservists.",
        "en",
        350_000,
        350_000,
        350_000,
        "exact",
        "three hundred and fifty thousand",
    ),
    ("There were twenty-five hundred sailors.", "en", 2500, 2500, 2500, "exact", "twenty-five hundred"),
    ("They counted a dozen drones.", "en", 12, 12, 12, "exact", "a dozen"),
    ("They counted two dozen drones.", "en", 24, 24, 24, "exact", "two dozen"),
    ("Some 12,000 troops are there.", "en", 12000, 11400, 12600, "about", "Some 12,000"),
    ("Around 12,000 troops are there.", "en", 12000, 11400, 12600, "about", "Around 12,000"),
    ("Roughly 12,000 troops are there.", "en", 12000, 11400, 12600, "about", "Roughly 12,000"),
    ("Approximately 12,000 troops are there.", "en", 12000, 11400, 12600, "about", "Approximately 12,000"),
    ("Almost 12,000 troops are there.", "en", 12000, 11400, 12600, "about", "Almost 12,000"),
    ("An estimated 12,000 troops are there.", "en", 12000, 11400, 12600, "about", "An estimated 12,000"),
    ("More than 12,000 troops are there.", "en", 12000, 12000, 13200, "more_than", "More than 12,000"),
    ("Over 12,000 troops are there.", "en", 12000, 12000, 13200, "more_than", "Over 12,000"),
    ("In excess of 12,000 troops are there.", "en", 12000, 12000, 13200, "more_than", "In excess of 12,000"),
    ("Upwards of 12,000 troops are there.", "en", 12000, 12000, 13200, "more_than", "Upwards of 12,000"),
    ("At least 12,000 troops are there.", "en", 12000, 12000, 13200, "at_least", "At least 12,000"),
    ("No fewer than 12,000 troops are there.", "en", 12000, 12000, 13200, "at_least", "No fewer than 12,000"),
    ("Up to 12,000 troops are there.", "en", 12000, 10800, 12000, "up_to", "Up to 12,000"),
    ("As many as 12,000 troops are there.", "en", 12000, 10800, 12000, "up_to", "As many as 12,000"),
    ("At most 12,000 troops are there.", "en", 12000, 10800, 12000, "up_to", "At most 12,000"),
    ("Pyongyang sent another 3,000 troops.", "en", 3000, 3000, 3000, "additional", "another 3,000"),
    (
        "Pyongyang sent an additional 3,000 troops.",
        "en",
        3000,
        3000,
        3000,
        "additional",
        "an additional 3,000",
    ),
    ("Pyongyang sent 3,500 more troops.", "en", 3500, 3500, 3500, "additional", "3,500 more"),
    ("A total of 12,000 troops are there.", "en", 12000, 12000, 12000, "exact", "A total of 12,000"),
    ("There were 10,000 or more troops.", "en", 10000, 10000, 11000, "at_least", "10,000 or more"),
    ("Several thousand troops arrived.", "en", 1000, 2000, 9999, "several", "Several thousand"),
    ("Thousands of troops arrived.", "en", 1000, 2000, 9999, "several", "Thousands"),
    ("Hundreds of troops arrived.", "en", 100, 200, 999, "several", "Hundreds"),
    ("Dozens of troops arrived.", "en", 12, 24, 99, "several", "Dozens"),
    ("Tens of thousands of troops arrived.", "en", 10000, 20000, 99999, "several", "Tens of thousands"),
    ("A few hundred troops arrived.", "en", 100, 200, 999, "several", "A few hundred"),
    ("A couple of thousand troops arrived.", "en", 1000, 2000, 9999, "several", "A couple of thousand"),
    (
        "Dozens of millions were spent on drones.",
        "en",
        12e6,
        24e6,
        99_999_999,
        "several",
        "Dozens of millions",
    ),
    (
        "Between 10,000 and 12,000 troops arrived.",
        "en",
        11000,
        10000,
        12000,
        "about",
        "Between 10,000 and 12,000",
    ),
    ("Two or three thousand troops arrived.", "en", 2500, 2000, 3000, "about", "Two or three thousand"),
    ("A 12,000-strong force arrived.", "en", 12000, 12000, 12000, "exact", "12,000"),
    # language unknown: both styles
    ("Kim sent 11.000 soldiers.", None, 11000, 11000, 11000, "exact", "11.000"),
    ("Kim sent 11,000 soldiers.", None, 11000, 11000, 11000, "exact", "11,000"),
    ("Es sind 1,2 Millionen.", None, 1_200_000, 1.2e6, 1.2e6, "exact", "1,2 Millionen"),
    ("It was 1.2 million.", None, 1_200_000, 1.2e6, 1.2e6, "exact", "1.2 million"),
    # news-style contexts that must still count
    ("Das Land hat 25 Millionen Einwohner.", "de", 25e6, 25e6, 25e6, "exact", "25 Millionen"),
    ("Die Armee (1,2 Millionen Soldaten) ist groß.", "de", 1.2e6, 1.2e6, 1.2e6, "exact", "1,2 Millionen"),
    ("Korea's 1.2 million-strong army is large.", "en", 1.2e6, 1.2e6, 1.2e6, "exact", "1.2 million"),
    ("North Korea has sent 11,000-12,000 troops.", "en", 11500, 11000, 12000, "about", "11,000-12,000"),
    ("Some 10,000 to 12,000 troops are there.", "en", 11000, 10000, 12000, "about", "Some 10,000 to 12,000"),
    (
        "Nordkorea hat 10 bis 12 Millionen Granaten geliefert.",
        "de",
        11e6,
        10e6,
        12e6,
        "about",
        "10 bis 12 Millionen",
    ),
    ("Kim (40) schickte 1.000 Soldaten.", "de", 1000, 1000, 1000, "exact", "1.000"),
    ("Im Jahr 2024 kamen 3000 Soldaten.", "de", 3000, 3000, 3000, "exact", "3000"),
    ("Es waren mit Tausenden Soldaten mehr.", "de", 1000, 2000, 9999, "several", "Tausenden"),
    ("Hunderttausende Menschen flohen.", "de", 100000, 200000, 999999, "several", "Hunderttausende"),
    ("Hundreds of thousands fled.", "en", 100000, 200000, 999999, "several", "Hundreds of thousands"),
    ("Millionen Menschen flohen.", "de", 1e6, 2e6, 9_999_999, "several", "Millionen"),
    ("Es waren Mehrere hundert Soldaten.", "de", 100, 200, 999, "several", "Mehrere hundert"),
    ("The ship carried 1 000 000 shells.", "en", 1e6, 1e6, 1e6, "exact", "1 000 000"),
    ("Die Quelle nannte 1.234,5 Tonnen nicht, aber 4.000 Mann.", "de", 4000, 4000, 4000, "exact", "4.000"),
    ("Sie schickten fünfzig Offiziere.", "de", 50, 50, 50, "exact", "fünfzig"),
    ("Sie schickten zwei Dutzend Offiziere.", "de", 24, 24, 24, "exact", "zwei Dutzend"),
    ("Sie schickten ein Dutzend Offiziere.", "de", 12, 12, 12, "exact", "ein Dutzend"),
    ("They sent ninety-nine officers.", "en", 99, 99, 99, "exact", "ninety-nine"),
    ("They sent a hundred officers.", "en", 100, 100, 100, "exact", "a hundred"),
    # year-like numbers that are counts
    ("Nordkorea hat 2000 weitere Soldaten geschickt.", "de", 2000, 2000, 2000, "additional", "2000 weitere"),
    ("Es kamen 1900 nordkoreanische Soldaten an.", "de", 1900, 1900, 1900, "exact", "1900"),
    ("Die Brigade mit 1500 Soldaten zog ab.", "de", 1500, 1500, 1500, "exact", "1500"),
    ("Die Einheit hatte um die 2020 Mann.", "de", 2020, 1919, 2121, "about", "um die 2020"),
    ("Zwischen 1500 und 2000 Soldaten kamen.", "de", 1750, 1500, 2000, "about", "Zwischen 1500 und 2000"),
    ("The 12,000-member force left.", "en", 12000, 12000, 12000, "exact", "12,000"),
    ("Die 1500-köpfige Einheit zog ab.", "de", 1500, 1500, 1500, "exact", "1500"),
    # sentence end and elliptic counts
    ("Die Zahl der Toten stieg auf 3.000.", "de", 3000, 3000, 3000, "exact", "3.000"),
    ("Es starben 300. Die Armee zog ab.", "de", 300, 300, 300, "exact", "300"),
]

NOT_FOUND: list[tuple[str, str | None]] = [
    # dates
    ("Das Treffen war am 13. Oktober in Moskau.", "de"),
    ("Am 3. Oktober feiert Deutschland.", "de"),
    ("Die Übung lief vom 8. bis 13. Oktober.", "de"),
    ("The meeting took place on October 13, 2024 in Moscow.", "en"),
    ("The meeting took place on 13 October in Moscow.", "en"),
    ("The meeting took place on the 13th of October.", "en"),
    ("Das Dokument ist vom 2024-10-13 datiert.", "de"),
    ("Das Dokument ist vom 13.10.2024 datiert.", "de"),
    ("Das Dokument ist vom 13.10. datiert.", "de"),
    ("Der Krieg begann im Februar 2022.", "de"),
    ("The war began in February 2022.", "en"),
    ("Die Lage spitzte sich vom 8 bis 13 Oktober zu.", "de"),
    # years
    ("Seit 2023 liefert Nordkorea Granaten.", "de"),
    ("The alliance was signed in 1944.", "en"),
    ("In den 1960ern war das anders.", "de"),
    ("In the 1960s it was different.", "en"),
    ("Das Abkommen gilt bis 2025.", "de"),
    ("Die Jahre 2022 und 2023 waren schwer.", "de"),
    ("The 2024 election changed that.", "en"),
    ("Ende 2024 kamen die Truppen.", "de"),
    ("Das war 2025.", "de"),
    # times
    ("Der Angriff begann um 14:30 Uhr.", "de"),
    ("Der Angriff begann um 9 Uhr.", "de"),
    ("Der Angriff begann um 14.30 Uhr.", "de"),
    ("The attack began at 9 am.", "en"),
    # ages
    ("Der 23-jährige Soldat wurde gefangen.", "de"),
    ("The soldier, aged 23, was captured.", "en"),
    ("The soldier was 23 years old.", "en"),
    ("The 23-year-old soldier was captured.", "en"),
    ("Der Soldat Kim (23) wurde gefangen.", "de"),
    ("Der Soldat ist 23 Jahre alt.", "de"),
    # percentages
    ("Die Zustimmung lag bei 100 %.", "de"),
    ("Die Zustimmung lag bei 57%.", "de"),
    ("Support fell by 5 percent.", "en"),
    ("Die Zustimmung lag bei 57 Prozent.", "de"),
    # money
    ("Das kostet 1.000 Euro.", "de"),
    ("Das Ticket kostet 5,- Euro.", "de"),
    ("Russia paid $2 billion.", "en"),
    ("Der Eintritt kostet €5.", "de"),
    ("Sie zahlten 300 Dollar.", "de"),
    ("Das Paket umfasst 2,5 Mrd. Euro.", "de"),
    ("Es geht um Millionen Dollar.", "de"),
    ("The deal was worth 3 million dollars.", "en"),
    ("Sie erhielten 1 Million US-Dollar.", "de"),
    ("Das kostet CHF 500.", "de"),
    # scores
    ("Das Spiel endete 3:1.", "de"),
    ("The match ended 2-0.", "en"),
    # calibres and model numbers
    ("Sie lieferten 152-mm-Granaten.", "de"),
    ("Sie feuerten 122mm-Raketen.", "de"),
    ("Sie lieferten 122-Millimeter-Geschosse.", "de"),
    ("Sie lieferten Granaten vom Kaliber 152 mm.", "de"),
    ("Nordkorea testete die KN23.", "de"),
    ("Nordkorea testete eine Hwasong-11.", "de"),
    ("Die D-74 ist eine alte Haubitze.", "de"),
    ("A Su-34 was shot down.", "en"),
    ("Flight MH17 was shot down.", "en"),
    # ordinals
    ("Die 3. Armee rückte vor.", "de"),
    ("It was the 2nd time.", "en"),
    ("Zum dritten Mal rückte die Armee vor.", "de"),
    ("Die 11. Brigade rückte vor.", "de"),
    # counters, pages, phone numbers, labels
    ("Gefällt mir 1 | 3", "de"),
    ("Seite 3 von 12", "de"),
    ("See page 12 for details.", "en"),
    ("Der Bericht hat 12 Seiten.", "de"),
    ("Der Beitrag hat 34 Kommentare.", "de"),
    ("Rufen Sie 030 1234567 an.", "de"),
    ("Call +49 30 1234567 now.", "en"),
    ("Artikel 5 des Nato-Vertrags gilt.", "de"),
    ("UN-Resolution 2231 verbietet das.", "de"),
    ("Siehe Nr. 17 der Liste.", "de"),
    ("Das regelt § 5 des Gesetzes.", "de"),
    # durations
    ("Er sitzt seit 24 Jahren im Amt.", "de"),
    ("Der Krieg dauert zweieinhalb Jahre.", "de"),
    ("The war has lasted three years.", "en"),
    ("Die Offensive dauerte 10 Tage.", "de"),
    ("They marched for 30 kilometres.", "en"),
    # more traps from news pages
    ("Der Koreakrieg (1950-53) endete ohne Vertrag.", "de"),
    ("The 1950-53 Korean War never formally ended.", "en"),
    ("Die Saison 2024/25 beginnt bald.", "de"),
    ("Die Truppen kommen ab dem Jahreswechsel 2025 an die Front.", "de"),
    ("Die Präsidentschaftswahl 2024 änderte vieles.", "de"),
    ("Sie lieferten T-90-Panzer und S-300-Systeme.", "de"),
    ("Covid-19 traf auch Nordkorea.", "de"),
    ("Die G7 und die G20 berieten.", "de"),
    ("Er twitterte pic.twitter.com/Ab5cD9.", "en"),
    ("Die Hürde liegt bei der 5-Prozent-Marke.", "de"),
    ("Die Läden haben 24/7 geöffnet.", "de"),
    ("Nein, 3/4 der Truppen blieben.", "de"),
    ("Nach dem 2:0-Sieg jubelten sie.", "de"),
    ("Im 20. Jahrhundert war das anders.", "de"),
    ("The attack came on Oct. 13 at dawn.", "en"),
    ("They fired 155mm shells.", "en"),
    ("The shells were 7.62mm rounds.", "en"),
    ("It took 30 minutes.", "en"),
    ("Er war 40 Tage lang in Moskau.", "de"),
    ("Kim is 40 years old.", "en"),
    ("Die Lieferung kostete 3 Mio. Euro.", "de"),
    ("The deal is worth US$500 million.", "en"),
    ("They paid £2m for it.", "en"),
    ("Prices rose 5 per cent.", "en"),
    ("Tel.: 0228 123456", "de"),
    ("Die Nummer lautet +7 495 1234567.", "de"),
    ("Folge 3 der Serie lief gestern.", "de"),
    ("Kapitel 12 beschreibt das.", "de"),
    ("Das steht auf Seite 3-5.", "de"),
    ("Tausende Euro wurden gespendet.", "de"),
    ("Hunderte Kilometer weit flogen die Drohnen.", "de"),
    # years and other numbers in real news pages
    ("2018 fuhr er noch bei der WM.", "de"),
    ("1850 verkaufte ein Händler seine Bar.", "de"),
    ("Sie starb 2007 mit nur 65 Jahren.", "de"),
    ("Israel hatte sich 2005 komplett zurückgezogen.", "de"),
    ("Das Theater war zwischen 1899 und 1919 berühmt.", "de"),
    ("Das Ticket soll über 2023 hinaus bezahlt werden.", "de"),
    ("Die Referenzperiode 1961 bis 1990 gilt.", "de"),
    ("Die Werte der Jahre 1961 bis 1990.", "de"),
    ("Copyright 2023 Sunbeam Television Corp.", "en"),
    ("Copyright © 2019 by the author.", "en"),
    ("He prepared a 2022 Senate run.", "en"),
    ("The Immigration Act of 1965 changed the country.", "en"),
    ("Boston won 106-103 at home.", "en"),
    ("The Sixers went 0-for-9 from three-point range.", "en"),
    ("It gave them a 10-point lead.", "en"),
    ("The seven-day rate rose sharply.", "en"),
    ("They gave the Sixers some two-way minutes.", "en"),
    ("Das Werk steht unter der Lizenz CC BY-ND 2.0.", "de"),
    ("Erlaubt sind Dienste, die (1.) beruflich sind.", "de"),
    ("Vorstellungen am 24./30.10. im Theater.", "de"),
    ("Siehe taz.de/Siemens/!5652243/ dazu.", "de"),
    ("Es fielen Mengen um 40 l/m² Regen.", "de"),
    ("Der Anschluss hat mehr als 16 Mbit.", "de"),
    ("Er erhielt eine 120-stündige Waffenruhe.", "de"),
    ("Bis zu zwei Drittel aller Fälle verlaufen mild.", "de"),
    ("Apartments move out of the Section 9 model.", "en"),
    ("Defendant James Lee, 68, of Torrance was charged.", "en"),
    ("Voting is possible at 2344 Bragg St. today.", "en"),
    ("Das Büro liegt in der Schloßstraße 50.", "de"),
    ("Die Praxis ist am Kaiserring 12 im zweiten Stock.", "de"),
    ("3.", "de"),
    ("2) Die Armee zog ab.", "de"),
    # words that only look like numbers, fractions
    ("Ein Soldat wurde verletzt.", "de"),
    ("One soldier was injured.", "en"),
    ("Das darf man nicht außer Acht lassen.", "de"),
    ("Die Quote liegt bei 1,5.", "de"),
    ("Die Einheit zählt keine Verluste.", "de"),
    ("Die Sache ist gut.", "de"),
]


def _fmt(figures: list[Figure]) -> list[tuple[float, float, float, str, str]]:
    return [(f.value, f.low, f.high, f.qualifier, f.text) for f in figures]


@pytest.mark.parametrize(("sentence", "language", "value", "low", "high", "qualifier", "text"), FOUND)
def test_finds_figure(
    sentence: str, language: str | None, value: float, low: float, high: float, qualifier: str, text: str
) -> None:
    figures = find_figures(sentence, language)
    assert len(figures) == 1, _fmt(figures)
    figure = figures[0]
    assert figure.value == pytest.approx(value)
    assert figure.low == pytest.approx(low)
    assert figure.high == pytest.approx(high)
    assert figure.qualifier == qualifier
    assert figure.text == text
    assert sentence[figure.start : figure.end] == text


@pytest.mark.parametrize(("sentence", "language"), NOT_FOUND)
def test_finds_nothing(sentence: str, language: str | None) -> None:
    assert _fmt(find_figures(sentence, language)) == []


def test_several_figures_in_one_sentence_are_found_in_order() -> None:
    sentence = "Nach 11.000 Soldaten im Herbst schickte Pjöngjang im Januar weitere 3000 und 2,5 Mio. Schuss."
    figures = find_figures(sentence, "de")
    assert [(f.value, f.qualifier) for f in figures] == [
        (11000, "exact"),
        (3000, "additional"),
        (2_500_000, "exact"),
    ]
    assert [f.start for f in figures] == sorted(f.start for f in figures)


def test_denominator_of_a_rate_is_not_a_figure() -> None:
    assert [f.value for f in find_figures("The rate is 119 per 100,000 residents.", "en")] == [119]
    assert [f.value for f in find_figures("Es gab 12 Fälle pro 100.000 Einwohner.", "de")] == [12]


def test_coordinated_counts_are_two_figures() -> None:
    figures = find_figures("Sie meldeten 300 Tote und 2.700 Verwundete.", "de")
    assert [(f.value, f.text) for f in figures] == [(300, "300"), (2700, "2.700")]


def test_figure_followed_by_month_in_a_date_does_not_swallow_the_count() -> None:
    sentence = "Am 13. Oktober 2024 standen 12.000 Soldaten bereit."
    assert [f.value for f in find_figures(sentence, "de")] == [12000]


def test_german_billion_is_a_thousand_times_the_english_one() -> None:
    assert [f.value for f in find_figures("Es sind 2 Billionen.", "de")] == [2e12]
    assert [f.value for f in find_figures("It is 2 billion.", "en")] == [2e9]


def test_year_like_number_without_year_context_is_a_count() -> None:
    assert [f.value for f in find_figures("Rund 2024 Soldaten kamen an.", "de")] == [2024]


def test_trailing_qualifier_words_do_not_include_comparisons() -> None:
    figures = find_figures("They sent 3,500 more than last year.", "en")
    assert [(f.value, f.qualifier, f.text) for f in figures] == [(3500, "exact", "3,500")]


def test_from_to_is_two_figures_not_a_range() -> None:
    figures = find_figures("The count rose from 10,000 to 12,000 troops.", "en")
    assert [(f.value, f.qualifier) for f in figures] == [(10000, "exact"), (12000, "exact")]


# ------------------------------------------------------------------ parse_number

PARSE: list[tuple[str, str | None, float | None]] = [
    ("10.000", "de", 10000),
    ("10 000", None, 10000),
    ("10,000", "en", 10000),
    ("650'000", None, 650000),
    ("650’000", None, 650000),
    ("1,5", "de", 1.5),
    ("1.5", "en", 1.5),
    ("1,2 Millionen", "de", 1_200_000),
    ("1.2 million", "en", 1_200_000),
    ("1,500 million", "en", 1_500_000_000),
    ("1.234,5", "de", 1234.5),
    ("3 Mio.", "de", 3_000_000),
    ("2,5 Mrd.", "de", 2_500_000_000),
    ("drei Millionen", "de", 3_000_000),
    ("zwölf", "de", 12),
    ("eins", "de", 1),
    ("zwölftausend", "de", 12000),
    ("zweitausendfünfhundert", "de", 2500),
    ("einhunderteins", "de", 101),
    ("neunhundertneunundneunzigtausendneunhundertneunundneunzig", "de", 999_999),
    ("dreieinhalbtausend", "de", 3500),
    ("eine halbe Million", "de", 500_000),
    ("ein Dutzend", "de", 12),
    ("six", "en", 6),
    ("three thousand", "en", 3000),
    ("twelve thousand", "en", 12000),
    ("a million", "en", 1_000_000),
    ("half a million", "en", 500_000),
    ("one hundred and one", "en", 101),
    ("nine hundred ninety-nine million", "en", 999_000_000),
    ("one billion", "en", 1_000_000_000),
    ("", None, None),
    ("Soldaten", "de", None),
    ("1.50.00", None, None),
    ("12 Soldaten", "de", None),
    ("Tausende", "de", None),
]


@pytest.mark.parametrize(("text", "language", "expected"), PARSE)
def test_parse_number(text: str, language: str | None, expected: float | None) -> None:
    assert parse_number(text, language) == expected


def test_format_number_styles() -> None:
    assert format_number(1234567, "de") == "1.234.567"
    assert format_number(1234567, "en") == "1,234,567"
    assert format_number(1234567, "ch") == "1'234'567"
    assert format_number(1234567, "nbsp") == "1\u00a0234\u00a0567"
    assert format_number(2500, "de_words") == "zweitausendfünfhundert"
    assert format_number(101, "de_words") == "einhunderteins"
    assert format_number(21, "en_words") == "twenty-one"
    assert format_number(1_200_000, "de_million") == "1,2 Millionen"
    assert format_number(1_200_000, "en_million") == "1.2 million"
    with pytest.raises(ValueError):
        format_number(1.5, "de")
    with pytest.raises(ValueError):
        format_number(5, "klingon")


# ------------------------------------------------------------------ intervals


def test_interval_for_every_qualifier() -> None:
    assert interval(1000, "exact") == (1000, 1000)
    assert interval(1000, "additional") == (1000, 1000)
    assert interval(1000, "about") == pytest.approx((950, 1050))
    assert interval(1000, "more_than") == pytest.approx((1000, 1100))
    assert interval(1000, "at_least") == pytest.approx((1000, 1100))
    assert interval(1000, "up_to") == pytest.approx((900, 1000))
    assert interval(1000, "several") == (2000, 9999)
    assert interval(100, "several") == (200, 999)
    assert interval(12, "several") == (24, 99)
    assert several_interval(10**6) == (2 * 10**6, 10**7 - 1)


def test_interval_uses_the_given_widening() -> None:
    wide = Widening(about=0.2, more_than=0.5, at_least=0.3, up_to=0.25)
    assert interval(1000, "about", wide) == pytest.approx((800, 1200))
    assert interval(1000, "more_than", wide) == pytest.approx((1000, 1500))
    assert interval(1000, "at_least", wide) == pytest.approx((1000, 1300))
    assert interval(1000, "up_to", wide) == pytest.approx((750, 1000))


def test_interval_rejects_unknown_qualifier() -> None:
    with pytest.raises(ValueError):
        interval(1000, "roughly")


# ------------------------------------------------------------------ rates, speed


def test_rate_follows() -> None:
    sentence = "Russland verliert 1.500 Soldaten pro Tag."
    figure = find_figures(sentence, "de")[0]
    assert rate_follows(sentence, figure.end)
    other = "Russland verlor 1.500 Soldaten bei dem Angriff."
    assert not rate_follows(other, find_figures(other, "de")[0].end)
    english = "Russia loses 1,500 soldiers a day."
    assert rate_follows(english, find_figures(english, "en")[0].end)


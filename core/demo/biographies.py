"""Synthetic migration biographies for the demo tenant: every person, address, phone number and e-mail is invented."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

_T = TypeVar("_T")

REFERENCE_DATE = date(2026, 11, 25)
""""Today" for the demo data: ages, school attendance and permit validity are computed against it."""

GUARDIAN = "Amtsvormundschaft Jugendamt Burgenlandkreis"
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")

# --- where people come from ------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Names, languages and typical paths of one group of origin, as German authorities record them."""

    nationality: tuple[str, ...]
    mother_tongue: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    family: tuple[str | tuple[str, str], ...]
    """Family names; a pair is (male form, female form) for languages that inflect them."""
    birth_places: tuple[str, ...]
    arrivals: tuple[tuple[str, str, int], ...]
    """Arrival windows (first day, last day, weight)."""
    statuses: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    """(arrived on or before, residence status weights): the first window that fits the arrival date."""
    school: tuple[str, int, str, int, str]
    """(country, years to school leaving, leaving certificate, years of basic schooling, its certificate)."""
    education: tuple[int, int, int, int]
    """Weights of: little schooling, basic schooling, secondary school, university."""
    households: tuple[tuple[str, int], ...]
    occupations: tuple[str, ...]
    """Occupations often met in this group (keys of OCCUPATIONS)."""
    other_languages: tuple[tuple[str, tuple[str, ...], float], ...] = ()
    """(language, possible levels, share of people who speak it)."""
    english: float = 0.5
    female_share: float = 0.45
    eu_passport: str | None = None
    """Second nationality of those with free movement (many Moldovans hold Romanian passports)."""
    german_floor: int = -1
    """Lowest German level (index into CEFR) of the group, e.g. B1 for visa-based trainees."""
    school_abroad: tuple[str, float] | None = None
    """(country, share) of people who went to school in a transit country."""


def _names(text: str) -> tuple[str, ...]:
    """A comma-separated list of names (names may contain spaces and hyphens)."""
    return tuple(name.strip() for name in text.split(","))


def _families(text: str) -> tuple[str | tuple[str, str], ...]:
    """Family names; ``Kowalski/Kowalska`` gives the male and the female form."""
    out: list[str | tuple[str, str]] = []
    for name in _names(text):
        male, slash, female = name.partition("/")
        out.append((male, female) if slash else name)
    return tuple(out)


_EARLY = "2017-12-31"
_LATER = "2099-12-31"
_EU = ((_LATER, (("eu_citizen", 1),)),)

ORIGINS: dict[str, Origin] = {
    "SY-ar": Origin(
        nationality=("SY",),
        mother_tongue="ar",
        male=_names(
            "Ahmad, Khaled, Omar, Yousef, Mahmoud, Hasan, Firas, Samer, Tarek, Anas, Bilal, Majd, Abdulkarim, Hussam"
        ),
        female=_names("Fatima, Rama, Lana, Hala, Rasha, Nour, Aya, Amira, Yara, Reem, Batoul, Raghad, Heba, Zainab"),
        family=_families(
            "Al-Ahmad, Alkhatib, Al Ali, Haddad, Darwish, Hamdan, Khalil, Saleh, Othman, Al-Hussein, Kassem, Shaaban, "
            "Al-Masri, Zaher"
        ),
        birth_places=_names("Aleppo, Damaskus, Homs, Idlib, Hama, Daraa, Deir ez-Zor, Latakia, Rakka"),
        arrivals=(("2014-06-01", "2016-12-31", 6), ("2017-01-01", "2021-12-31", 2), ("2022-01-01", "2026-09-30", 3)),
        statuses=(
            (_EARLY, (("aufenthaltserlaubnis", 5), ("niederlassungserlaubnis", 3), ("german_citizen", 2))),
            (_LATER, (("aufenthaltserlaubnis", 6), ("aufenthaltsgestattung", 2), ("fiktionsbescheinigung", 1))),
        ),
        school=("SY", 12, "Sekundarschulabschluss (Baccalaureat)", 9, "Grundbildungsabschluss (Klasse 9)"),
        education=(1, 3, 4, 2),
        households=(("family", 4), ("single", 3), ("single_parent", 1), ("elder", 1), ("uma", 1)),
        occupations=_names(
            "tailor, electrician, car_mechanic, teacher, pharmacist, civil_engineer, hairdresser, cook, baker, "
            "salesperson"
        ),
        other_languages=(("tr", ("A1", "A2"), 0.2),),
        school_abroad=("TR", 0.1),
    ),
    "SY-kmr": Origin(
        nationality=("SY",),
        mother_tongue="kmr",
        male=_names("Shiyar, Azad, Dilovan, Baran, Renas, Serbest, Rojhat, Ciwan, Hozan"),
        female=_names("Berivan, Rojin, Hevin, Jiyan, Zozan, Dilan, Nesrin, Ronahi"),
        family=_families("Sheikho, Haso, Ibo, Hesen, Mamo, Kalo, Osman, Bakr, Sido"),
        birth_places=_names("Qamischli, Al-Hasaka, Afrin, Kobanê, Amuda, Derik"),
        arrivals=(("2014-06-01", "2016-12-31", 5), ("2017-01-01", "2026-09-30", 3)),
        statuses=(
            (_EARLY, (("aufenthaltserlaubnis", 5), ("niederlassungserlaubnis", 3), ("german_citizen", 1))),
            (_LATER, (("aufenthaltserlaubnis", 5), ("aufenthaltsgestattung", 2))),
        ),
        school=("SY", 12, "Sekundarschulabschluss (Baccalaureat)", 9, "Grundbildungsabschluss (Klasse 9)"),
        education=(1, 3, 4, 2),
        households=(("family", 4), ("single", 3), ("single_parent", 1), ("uma", 1)),
        occupations=_names("electrician, car_mechanic, farmer, tailor, teacher, nurse, plumber"),
        other_languages=(("ar", ("B2", "C1", "C2"), 0.95), ("tr", ("A1", "A2"), 0.15)),
    ),
    "IQ-ar": Origin(
        nationality=("IQ",),
        mother_tongue="ar",
        male=_names("Ali, Hussein, Abbas, Haider, Mustafa, Karrar, Zaid, Ammar, Sajjad"),
        female=_names("Zahraa, Noor, Maryam, Ruqaya, Sara, Huda, Dunya"),
        family=_families("Al-Jubouri, Al-Obaidi, Al-Saadi, Kadhim, Jassim, Hamoudi, Al-Tamimi, Abdulwahid"),
        birth_places=_names("Bagdad, Mossul, Basra, Kerbela, Nadschaf, Falludscha"),
        arrivals=(("2015-06-01", "2016-12-31", 5), ("2017-01-01", "2026-09-30", 3)),
        statuses=(
            (_EARLY, (("aufenthaltserlaubnis", 3), ("duldung", 3), ("niederlassungserlaubnis", 1))),
            (_LATER, (("aufenthaltsgestattung", 3), ("duldung", 2), ("aufenthaltserlaubnis", 1))),
        ),
        school=("IQ", 12, "Sekundarschulabschluss (I'dadiya)", 9, "Mittelschulabschluss (Klasse 9)"),
        education=(2, 3, 3, 2),
        households=(("family", 3), ("single", 3), ("single_parent", 1), ("elder", 1)),
        occupations=_names("car_mechanic, electrician, doctor, teacher, bricklayer, hairdresser, welder"),
    ),
    "IQ-ckb": Origin(
        nationality=("IQ",),
        mother_tongue="ckb",
        male=_names("Karwan, Hawre, Shvan, Rebwar, Dilshad, Aram, Hemin, Sirwan"),
        female=_names("Shilan, Nazdar, Chiman, Avin, Shno, Tavga, Sazan"),
        family=_families("Abdullah, Rashid, Aziz, Mahmud, Qadir, Salih, Karim, Faraj"),
        birth_places=_names("Sulaimaniyya, Erbil, Kirkuk, Halabdscha, Ranya"),
        arrivals=(("2015-06-01", "2016-12-31", 3), ("2017-01-01", "2026-09-30", 4)),
        statuses=(
            (_EARLY, (("aufenthaltserlaubnis", 3), ("duldung", 2), ("niederlassungserlaubnis", 1))),
            (_LATER, (("aufenthaltsgestattung", 3), ("duldung", 2), ("aufenthaltserlaubnis", 1))),
        ),
        school=("IQ", 12, "Sekundarschulabschluss (Amadeyi)", 9, "Grundbildungsabschluss (Klasse 9)"),
        education=(1, 3, 4, 2),
        households=(("single", 4), ("family", 3)),
        occupations=_names("electrician, car_mechanic, civil_engineer, software, cook, truck_driver"),
        other_languages=(("ar", ("A2", "B1"), 0.7),),
    ),
    "IQ-kmr": Origin(
        nationality=("IQ",),
        mother_tongue="kmr",
        male=_names("Khairi, Faris, Haidar, Saeed, Khudeda, Nawaf, Dakhil"),
        female=_names("Nadia, Jihan, Layla, Bese, Gule, Nareen, Vian"),
        family=_families("Khalaf, Murad, Elias, Qasim, Haji, Khudur, Shamo"),
        birth_places=_names("Sindschar, Dohuk, Khanke, Bashiqa"),
        arrivals=(("2014-08-01", "2017-12-31", 6), ("2018-01-01", "2026-09-30", 2)),
        statuses=(
            (_EARLY, (("aufenthaltserlaubnis", 4), ("niederlassungserlaubnis", 2), ("german_citizen", 1))),
            (_LATER, (("aufenthaltserlaubnis", 2), ("duldung", 2), ("aufenthaltsgestattung", 1))),
        ),
        school=("IQ", 12, "Sekundarschulabschluss (I'dadiya)", 6, "Grundschulabschluss (Klasse 6)"),
        education=(3, 4, 2, 1),
        households=(("family", 4), ("single_parent", 2), ("single", 2), ("elder", 1)),
        occupations=_names("farmer, tailor, salesperson, bricklayer, nurse"),
        other_languages=(("ar", ("A2", "B1", "B2"), 0.8),),
        english=0.3,
    ),
    "AF-prs": Origin(
        nationality=("AF",),
        mother_tongue="prs",
        male=_names("Ahmad Shah, Farhad, Jawad, Mustafa, Sayed Ali, Hamid, Naweed, Ali Reza, Mahdi, Sohrab, Elyas"),
        female=_names("Fatima, Zahra, Marzia, Mursal, Shabnam, Freshta, Parwana, Nargis, Masooma, Sakina"),
        family=_families("Ahmadi, Rahimi, Hussaini, Karimi, Sultani, Noori, Sadat, Jafari, Mohammadi, Haidari"),
        birth_places=_names("Kabul, Herat, Masar-e Scharif, Ghazni, Bamiyan, Daikundi"),
        arrivals=(("2015-06-01", "2016-12-31", 3), ("2017-01-01", "2021-08-14", 1), ("2021-08-15", "2026-10-31", 4)),
        statuses=(
            (_EARLY, (("aufenthaltserlaubnis", 3), ("duldung", 3), ("niederlassungserlaubnis", 1))),
            (
                _LATER,
                (("aufenthaltsgestattung", 4), ("aufenthaltserlaubnis", 3), ("duldung", 1), ("asylum_procedure", 1)),
            ),
        ),
        school=("AF", 12, "Schulabschluss Klasse 12 (Baccalaureat)", 9, "Abschluss Klasse 9"),
        education=(3, 3, 3, 1),
        households=(("family", 3), ("single", 3), ("single_parent", 1), ("uma", 2)),
        occupations=_names("tailor, car_mechanic, farmer, electrician, cook, teacher, interpreter"),
        other_languages=(("ps", ("A1", "A2", "B1"), 0.25),),
        school_abroad=("IR", 0.3),
    ),
    "AF-ps": Origin(
        nationality=("AF",),
        mother_tongue="ps",
        male=_names("Rahmatullah, Ezatullah, Naqibullah, Gul Agha, Noor Ahmad, Abdul Wahid, Samiullah, Zabihullah"),
        female=_names("Malalai, Wazhma, Palwasha, Gulalai, Nazia, Spozhmai"),
        family=_families("Stanikzai, Popal, Wardak, Safi, Mangal, Zazai, Khan, Niazi"),
        birth_places=_names("Kandahar, Dschalalabad, Chost, Kundus, Gardez, Logar"),
        arrivals=(("2015-06-01", "2016-12-31", 3), ("2021-08-15", "2026-10-31", 4)),
        statuses=(
            (_EARLY, (("aufenthaltserlaubnis", 2), ("duldung", 3))),
            (_LATER, (("aufenthaltsgestattung", 4), ("aufenthaltserlaubnis", 2), ("duldung", 1))),
        ),
        school=("AF", 12, "Schulabschluss Klasse 12 (Baccalaureat)", 9, "Abschluss Klasse 9"),
        education=(3, 3, 3, 1),
        households=(("family", 3), ("single", 3), ("uma", 2)),
        occupations=_names("farmer, car_mechanic, truck_driver, bricklayer, salesperson, interpreter"),
        other_languages=(("prs", ("B1", "B2", "C1"), 0.8), ("ur", ("A1", "A2"), 0.15)),
        female_share=0.3,
        school_abroad=("PK", 0.2),
    ),
    "ER": Origin(
        nationality=("ER",),
        mother_tongue="ti",
        male=_names("Yonas, Daniel, Tesfay, Filmon, Merhawi, Samuel, Habtom, Biniam, Robel"),
        female=_names("Helen, Selam, Senait, Luwam, Ruta, Saba, Yohana, Winta, Eden"),
        family=_families(
            "Tesfamariam, Gebremedhin, Haile, Tekle, Berhane, Kidane, Ghebreyesus, Woldu, Andemariam, Abraha"
        ),
        birth_places=_names("Asmara, Keren, Mendefera, Dekemhare, Adi Keyh, Massawa"),
        arrivals=(("2014-06-01", "2016-12-31", 4), ("2017-01-01", "2026-09-30", 3)),
        statuses=(
            (_EARLY, (("aufenthaltserlaubnis", 5), ("niederlassungserlaubnis", 2))),
            (_LATER, (("aufenthaltserlaubnis", 3), ("aufenthaltsgestattung", 3))),
        ),
        school=("ER", 11, "Eritrean Secondary Education Certificate (Klasse 11)", 8, "Junior Secondary (Klasse 8)"),
        education=(1, 4, 4, 1),
        households=(("single", 4), ("family", 2), ("single_parent", 1), ("uma", 1)),
        occupations=_names("farmer, tailor, car_mechanic, nurse, cook, carpenter"),
        other_languages=(("am", ("A2", "B1"), 0.3), ("ar", ("A1", "A2"), 0.2)),
        english=0.6,
    ),
    "SO": Origin(
        nationality=("SO",),
        mother_tongue="so",
        male=_names("Abdirahman, Abdullahi, Hassan, Abdikarim, Liban, Yusuf, Mahad, Ahmed"),
        female=_names("Hodan, Fadumo, Asha, Sahra, Hibo, Ayan, Ifrah, Nimco"),
        family=_families("Farah, Warsame, Abdi, Hirsi, Osman, Jama, Nur, Mohamud, Aden"),
        birth_places=_names("Mogadischu, Kismaayo, Baidoa, Beledweyne, Marka, Gaalkacyo"),
        arrivals=(("2015-06-01", "2017-12-31", 3), ("2018-01-01", "2026-09-30", 4)),
        statuses=(
            (_EARLY, (("aufenthaltserlaubnis", 3), ("duldung", 2))),
            (_LATER, (("aufenthaltsgestattung", 3), ("aufenthaltserlaubnis", 2), ("duldung", 1))),
        ),
        school=("SO", 12, "Secondary School Leaving Certificate", 8, "Primary School Certificate (Klasse 8)"),
        education=(3, 3, 3, 1),
        households=(("single", 3), ("single_parent", 2), ("family", 2), ("uma", 1)),
        occupations=_names("salesperson, tailor, nurse, truck_driver, cook"),
        other_languages=(("ar", ("A1", "A2", "B1"), 0.5),),
    ),
    "UA": Origin(
        nationality=("UA",),
        mother_tongue="uk",
        male=_names("Oleksandr, Andrii, Dmytro, Serhii, Mykola, Bohdan, Vitalii, Yurii, Maksym, Ivan"),
        female=_names(
            "Olena, Iryna, Nataliia, Oksana, Kateryna, Tetiana, Yuliia, Svitlana, Anastasiia, Liudmyla, Halyna"
        ),
        family=_families(
            "Kovalenko, Shevchenko, Bondarenko, Tkachenko, Kravchenko, Melnyk, Boiko, Moroz, Lysenko, Savchenko, "
            "Hrytsenko, Polishchuk"
        ),
        birth_places=_names("Charkiw, Saporischschja, Mykolajiw, Odesa, Dnipro, Kyjiw, Cherson, Sumy"),
        arrivals=(("2022-03-01", "2022-12-31", 6), ("2023-01-01", "2026-09-30", 3)),
        statuses=((_LATER, (("temporary_protection_24", 9), ("fiktionsbescheinigung", 1))),),
        school=("UA", 11, "Atestat über vollständige allgemeine Sekundarbildung", 9, "Basisabschluss (9 Klassen)"),
        education=(0, 1, 5, 4),
        households=(("single_parent", 4), ("family", 2), ("elder", 2), ("single", 2)),
        occupations=_names(
            "teacher, accountant, nurse, doctor, software, economist, hairdresser, childcare, truck_driver"
        ),
        other_languages=(("ru", ("B2", "C1", "C2"), 0.8), ("pl", ("A1", "A2"), 0.15)),
        english=0.6,
        female_share=0.7,
    ),
    "RO": Origin(
        nationality=("RO",),
        mother_tongue="ro",
        male=_names("Andrei, Ionuț, Mihai, Florin, Gheorghe, Constantin, Marian, Adrian, Cătălin"),
        female=_names("Ana-Maria, Elena, Ioana, Mihaela, Cristina, Florentina, Gabriela, Daniela, Alina"),
        family=_families(
            "Popescu, Ionescu, Dumitru, Stan, Constantin, Munteanu, Lungu, Moldovan, Rusu, Ciobanu, Marin, Stoica"
        ),
        birth_places=_names("Iași, Craiova, Constanța, Bacău, Suceava, Galați, Vaslui"),
        arrivals=(("2014-01-01", "2026-10-31", 1),),
        statuses=_EU,
        school=("RO", 12, "Diplomă de bacalaureat", 8, "Gymnasialabschluss (Klasse 8)"),
        education=(1, 4, 4, 1),
        households=(("single", 4), ("family", 3), ("single_parent", 1)),
        occupations=_names("butcher, truck_driver, geriatric, salesperson, bricklayer, nurse, cook"),
        other_languages=(("it", ("A2", "B1"), 0.2),),
        english=0.4,
    ),
    "PL": Origin(
        nationality=("PL",),
        mother_tongue="pl",
        male=_names("Piotr, Krzysztof, Tomasz, Paweł, Marcin, Łukasz, Jakub, Grzegorz"),
        female=_names("Agnieszka, Katarzyna, Magdalena, Joanna, Małgorzata, Ewa, Monika, Anna-Maria"),
        family=_families(
            "Kowalski/Kowalska, Nowak, Wiśniewski/Wiśniewska, Wójcik, Kamiński/Kamińska, Lewandowski/Lewandowska, "
            "Zieliński/Zielińska, Mazur, Krawczyk"
        ),
        birth_places=_names("Szczecin, Wrocław, Poznań, Łódź, Zielona Góra, Legnica, Opole"),
        arrivals=(("2014-01-01", "2026-10-31", 1),),
        statuses=_EU,
        school=("PL", 12, "Świadectwo dojrzałości (Matura)", 8, "Abschluss der Grundschule (Klasse 8)"),
        education=(0, 3, 5, 2),
        households=(("single", 4), ("family", 3)),
        occupations=_names("truck_driver, electrician, bricklayer, welder, nurse, plumber, carpenter"),
        english=0.5,
    ),
    "BG": Origin(
        nationality=("BG",),
        mother_tongue="bg",
        male=_names("Georgi, Ivan, Dimitar, Nikolay, Stefan, Hristo, Petar, Todor"),
        female=_names("Maria, Ivana, Desislava, Elena, Yordanka, Petya, Galina, Silviya"),
        family=_families(
            "Ivanov/Ivanova, Petrov/Petrova, Georgiev/Georgieva, Dimitrov/Dimitrova, Stoyanov/Stoyanova, "
            "Todorov/Todorova, Nikolov/Nikolova, Angelov/Angelova"
        ),
        birth_places=_names("Plowdiw, Warna, Sliwen, Burgas, Pasardschik, Russe, Stara Sagora"),
        arrivals=(("2014-01-01", "2026-10-31", 1),),
        statuses=_EU,
        school=("BG", 12, "Diploma za sredno obrazovanie", 7, "Grundbildung (Klasse 7)"),
        education=(1, 4, 4, 1),
        households=(("single", 4), ("family", 3), ("single_parent", 1)),
        occupations=_names("welder, truck_driver, cook, butcher, geriatric, painter"),
        other_languages=(("ru", ("A2", "B1"), 0.4),),
        english=0.4,
    ),
    "MD": Origin(
        nationality=("MD",),
        mother_tongue="ro",
        male=_names("Vasile, Ion, Sergiu, Victor, Alexandru, Dumitru, Mihail"),
        female=_names("Natalia, Olga, Tatiana, Doina, Ecaterina, Cristina, Mariana"),
        family=_families("Ciobanu, Rusu, Cebotari, Lupu, Guțu, Țurcanu, Rotari, Munteanu"),
        birth_places=_names("Chișinău, Bălți, Cahul, Orhei, Ungheni, Soroca"),
        arrivals=(("2016-01-01", "2026-10-31", 1),),
        statuses=((_LATER, (("eu_citizen", 3), ("aufenthaltserlaubnis", 1))),),
        school=("MD", 12, "Diplomă de bacalaureat (Moldau)", 9, "Certificat de studii gimnaziale (Klasse 9)"),
        education=(0, 2, 6, 2),
        households=(("single", 4), ("family", 3)),
        occupations=_names("truck_driver, bricklayer, carpenter, painter, geriatric, accountant"),
        other_languages=(("ru", ("B2", "C1", "C2"), 0.9),),
        english=0.4,
        eu_passport="RO",
    ),
    "TR-tr": Origin(
        nationality=("TR",),
        mother_tongue="tr",
        male=_names("Mehmet, Emre, Burak, Serkan, Mustafa, Hüseyin, Oğuz, Murat"),
        female=_names("Elif, Zeynep, Ayşe, Merve, Esra, Büşra, Gül"),
        family=_families("Yılmaz, Kaya, Demir, Şahin, Çelik, Öztürk, Aydın, Arslan, Koç"),
        birth_places=_names("Istanbul, Ankara, Izmir, Konya, Gaziantep, Kayseri"),
        arrivals=(("2016-08-01", "2019-12-31", 2), ("2020-01-01", "2026-09-30", 3)),
        statuses=(
            (
                _LATER,
                (
                    ("aufenthaltsgestattung", 3),
                    ("aufenthaltserlaubnis", 3),
                    ("duldung", 1),
                    ("erlaubnis_zum_daueraufenthalt_eu", 1),
                ),
            ),
        ),
        school=("TR", 12, "Lise Diploması", 8, "İlköğretim Diploması (Klasse 8)"),
        education=(0, 2, 4, 4),
        households=(("family", 3), ("single", 3)),
        occupations=_names("teacher, lawyer, civil_engineer, doctor, accountant, cook"),
        english=0.7,
    ),
    "TR-kmr": Origin(
        nationality=("TR",),
        mother_tongue="kmr",
        male=_names("Rojhat, Welat, Serhat, Zana, Agit, Dilşad, Baran"),
        female=_names("Berfin, Rojda, Zelal, Dilan, Evin, Helin"),
        family=_families("Aslan, Tekin, Güneş, Doğan, Akbulut, Ekinci, Polat, Yıldız"),
        birth_places=_names("Diyarbakır, Mardin, Van, Batman, Şırnak, Hakkari"),
        arrivals=(("2019-01-01", "2026-10-31", 1),),
        statuses=((_LATER, (("aufenthaltsgestattung", 4), ("duldung", 2), ("aufenthaltserlaubnis", 2))),),
        school=("TR", 12, "Lise Diploması", 8, "İlköğretim Diploması (Klasse 8)"),
        education=(1, 3, 4, 2),
        households=(("single", 4), ("family", 3)),
        occupations=_names("cook, bricklayer, teacher, salesperson, welder, hairdresser"),
        other_languages=(("tr", ("C1", "C2"), 0.95),),
        english=0.4,
        female_share=0.35,
    ),
    "IR": Origin(
        nationality=("IR",),
        mother_tongue="fa",
        male=_names("Reza, Amir, Mehdi, Hossein, Saeed, Babak, Kaveh, Arash, Milad"),
        female=_names("Maryam, Sara, Niloofar, Shirin, Mahsa, Leila, Parisa, Negar, Ziba"),
        family=_families("Hosseini, Rezaei, Moradi, Sadeghi, Tehrani, Rostami, Shams, Ghorbani, Kazemi"),
        birth_places=_names("Teheran, Schiras, Isfahan, Täbris, Maschhad, Karadsch, Ahvaz"),
        arrivals=(("2015-06-01", "2018-12-31", 2), ("2019-01-01", "2026-09-30", 3)),
        statuses=(
            (_EARLY, (("aufenthaltserlaubnis", 4), ("niederlassungserlaubnis", 2))),
            (_LATER, (("aufenthaltsgestattung", 3), ("aufenthaltserlaubnis", 3), ("duldung", 1))),
        ),
        school=("IR", 12, "Diplom-e Motevassete (Sekundarschulabschluss)", 9, "Abschluss Sekundarstufe I"),
        education=(0, 1, 4, 5),
        households=(("single", 4), ("family", 3)),
        occupations=_names("software, civil_engineer, doctor, pharmacist, economist, hairdresser"),
        english=0.9,
    ),
    "VN": Origin(
        nationality=("VN",),
        mother_tongue="vi",
        male=_names("Van Minh, Duc Anh, Quang Huy, Van Hung, Minh Tuan, Thanh Long"),
        female=_names("Thi Lan, Thi Huong, Thu Trang, Ngoc Anh, Thi Mai, Thi Hoa, Phuong Linh"),
        family=_families("Nguyen, Tran, Le, Pham, Hoang, Vu, Dang, Do, Bui"),
        birth_places=_names("Hanoi, Nghe An, Thanh Hoa, Hai Phong, Ho-Chi-Minh-Stadt, Nam Dinh, Ha Tinh"),
        arrivals=(("2018-09-01", "2026-09-30", 1),),
        statuses=(
            (_LATER, (("aufenthaltserlaubnis", 8), ("fiktionsbescheinigung", 1), ("niederlassungserlaubnis", 1))),
        ),
        school=("VN", 12, "Bằng tốt nghiệp THPT (Schulabschluss Klasse 12)", 9, "Abschluss Klasse 9"),
        education=(0, 1, 6, 3),
        households=(("single", 5), ("family", 1)),
        occupations=_names("nurse, geriatric, cook, electrician"),
        english=0.5,
        female_share=0.6,
        german_floor=2,
    ),
}

# --- occupations: real KldB 2010 (five-digit) and ISCO-08 (unit group) codes --------------------------


@dataclass(frozen=True)
class Occupation:
    male: str
    female: str
    kldb: str | None
    isco: str | None
    level: int
    """Schooling needed: 1 basic (vocational training), 2 secondary, 3 university."""
    regulated: bool = False
    """A regulated profession in Germany: working in it needs recognition (Approbation, Berufserlaubnis…)."""


OCCUPATIONS: dict[str, Occupation] = {
    "nurse": Occupation(
        "Gesundheits- und Krankenpfleger", "Gesundheits- und Krankenpflegerin", "81302", "2221", 2, regulated=True
    ),
    "electrician": Occupation("Elektroinstallateur", "Elektroinstallateurin", "26212", "7411", 1),
    "car_mechanic": Occupation("Kfz-Mechaniker", "Kfz-Mechanikerin", "25212", "7231", 1),
    "teacher": Occupation("Grundschullehrer", "Grundschullehrerin", "84114", "2341", 3, regulated=True),
    "cook": Occupation("Koch", "Köchin", "29302", "5120", 1),
    "tailor": Occupation("Schneider", "Schneiderin", "28222", "7531", 1),
    "civil_engineer": Occupation("Bauingenieur", "Bauingenieurin", "31104", "2142", 3),
    "truck_driver": Occupation("Berufskraftfahrer", "Berufskraftfahrerin", "52122", "8332", 1),
    "hairdresser": Occupation("Friseur", "Friseurin", "82312", "5141", 1),
    "doctor": Occupation("Arzt", "Ärztin", "81404", "2211", 3, regulated=True),
    "pharmacist": Occupation("Apotheker", "Apothekerin", "81804", "2262", 3, regulated=True),
    "software": Occupation("Softwareentwickler", "Softwareentwicklerin", "43414", "2512", 3),
    "accountant": Occupation("Buchhalter", "Buchhalterin", "72213", "3313", 2),
    "welder": Occupation("Schweißer", "Schweißerin", "24422", "7212", 1),
    "bricklayer": Occupation("Maurer", "Maurerin", "32122", "7112", 1),
    "carpenter": Occupation("Tischler", "Tischlerin", "22342", "7522", 1),
    "baker": Occupation("Bäcker", "Bäckerin", "29222", "7512", 1),
    "butcher": Occupation("Fleischer", "Fleischerin", "29232", "7511", 1),
    "plumber": Occupation("Installateur Sanitär und Heizung", "Installateurin Sanitär und Heizung", "34212", "7126", 1),
    "painter": Occupation("Maler und Lackierer", "Malerin und Lackiererin", "33212", "7131", 1),
    "childcare": Occupation("Erzieher", "Erzieherin", "83112", "2342", 2, regulated=True),
    "geriatric": Occupation("Altenpflegehelfer", "Altenpflegehelferin", "82101", "5321", 1),
    "farmer": Occupation("Landwirt", "Landwirtin", "11102", "6130", 1),
    "salesperson": Occupation("Verkäufer", "Verkäuferin", "62102", "5223", 1),
    "interpreter": Occupation("Dolmetscher", "Dolmetscherin", "71423", "2643", 3),
    "economist": Occupation("Betriebswirt", "Betriebswirtin", "71304", "2421", 3),
    "lawyer": Occupation("Jurist", "Juristin", None, "2611", 3),
}

INFORMAL_WORK = (
    "Helfer im Baugewerbe",
    "Erntehelfer",
    "Landwirtschaft im Familienbetrieb",
    "Mitarbeit im Familiengeschäft",
    "Reinigungskraft",
    "Küchenhilfe",
    "Lagerhelfer",
    "Taxifahrer",
    "Näharbeiten in Heimarbeit",
)
WORK_IN_GERMANY = (
    "Produktionshelfer Fleischverarbeitung",
    "Kommissionierer im Logistikzentrum",
    "Paketzusteller",
    "Küchenhilfe",
    "Reinigungskraft",
    "Pflegehilfskraft",
    "Helfer im Garten- und Landschaftsbau",
    "Verkaufshilfe im Einzelhandel",
)
APPRENTICESHIPS = (
    ("Ausbildung Kfz-Mechatroniker", "Ausbildung Kfz-Mechatronikerin"),
    (
        "Ausbildung Elektroniker für Energie- und Gebäudetechnik",
        "Ausbildung Elektronikerin für Energie- und Gebäudetechnik",
    ),
    ("Ausbildung Pflegefachmann", "Ausbildung Pflegefachfrau"),
    ("Ausbildung Fachkraft für Lagerlogistik", "Ausbildung Fachkraft für Lagerlogistik"),
    ("Ausbildung Koch", "Ausbildung Köchin"),
    ("Ausbildung Friseur", "Ausbildung Friseurin"),
    ("Ausbildung Medizinischer Fachangestellter", "Ausbildung Medizinische Fachangestellte"),
    ("Ausbildung Anlagenmechaniker SHK", "Ausbildung Anlagenmechanikerin SHK"),
    ("Ausbildung Tischler", "Ausbildung Tischlerin"),
    ("Ausbildung Erzieher", "Ausbildung Erzieherin"),
)

# --- the county ---------------------------------------------------------------------------------------

MUNICIPALITIES = (
    ("Naumburg (Saale)", "06618", 6),
    ("Weißenfels", "06667", 6),
    ("Zeitz", "06712", 5),
    ("Hohenmölsen", "06679", 2),
    ("Teuchern", "06682", 2),
    ("Lützen", "06686", 2),
    ("Osterfeld", "06721", 1),
    ("Elsteraue", "06729", 1),
)
STREETS = _names(
    "Lindenweg, Rosenstraße, Am Mühlgraben, Gartenstraße, Schulstraße, Bergstraße, Friedensstraße, Am Sportplatz, "
    "Wiesenweg, Kastanienallee, Lerchenweg, Am Stadtpark, Amselweg, Ahornstraße"
)
"""Common street names; the house numbers 180–199 keep every address fictional."""
PHONE_PREFIXES = ("1570", "1520", "1760", "1590")

SPORTS = _names(
    "Fußball, Schwimmen, Volleyball, Basketball, Laufen, Radfahren, Tischtennis, Boxen, Kampfsport, Badminton, "
    "Fitness, Schach, Yoga, Tanzen, Cricket, Ringen, Wandern, Handball"
)
VOLUNTEERING = _names(
    "Dolmetschen, Nachhilfe, Hausaufgabenhilfe, Begleitung bei Behördengängen, Kochen im Begegnungscafé, "
    "Kleiderkammer, Tafel, Nähcafé, Übungsleitung im Sportverein, Freiwillige Feuerwehr, Umweltschutz, "
    "Kinderbetreuung, Seniorenbegleitung"
)

# --- who appears in the demo ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cast:
    """One person of the fixed demo cast: origin and household; the rest is drawn from the tables."""

    origin: str
    household: str
    given: str | None = None
    health_notes: str | None = None
    disability: str | None = None


CAST: tuple[Cast, ...] = (
    Cast("SY-ar", "family", "Mohammed"),
    Cast("UA", "single_parent"),
    Cast("RO", "single", "Ana-Maria"),
    Cast("AF-prs", "uma"),
    Cast("IQ-ar", "single", "Muhammad"),
    Cast("ER", "single"),
    Cast("PL", "family", "Anna-Maria"),
    Cast("SY-kmr", "family"),
    Cast("UA", "elder", health_notes="Diabetes Typ 2"),
    Cast("AF-ps", "family"),
    Cast("SY-ar", "uma", "Abd al-Rahman"),
    Cast("BG", "single"),
    Cast("TR-kmr", "single"),
    Cast("IR", "single"),
    Cast("VN", "single"),
    Cast("SY-ar", "single", "Mohamad"),
    Cast("SO", "single_parent"),
    Cast("MD", "single"),
    Cast("UA", "family"),
    Cast("IQ-kmr", "family", disability="Gehbehinderung, Rollstuhl"),
    Cast("AF-prs", "single_parent"),
    Cast("ER", "uma"),
    Cast("RO", "family"),
    Cast("SY-ar", "elder", health_notes="Bluthochdruck, regelmäßige Medikation"),
    Cast("UA", "single"),
    Cast("IQ-ckb", "single"),
    Cast("TR-tr", "family"),
    Cast("SO", "uma"),
    Cast("SY-ar", "single_parent"),
    Cast("AF-prs", "single", disability="Hörbehinderung, Hörgeräte"),
    Cast("UA", "single_parent"),
    Cast("PL", "single"),
    Cast("IR", "family"),
    Cast("BG", "family"),
    Cast("VN", "single"),
    Cast("SY-kmr", "single"),
    Cast("ER", "family"),
    Cast("UA", "elder"),
    Cast("AF-ps", "uma"),
    Cast("TR-tr", "single"),
)
"""The first people, in this order: every group, household type and special case appears in 40."""

_HOUSEHOLD_AGES = {
    "uma": (15, 17),
    "single": (19, 38),
    "family": (27, 52),
    "single_parent": (24, 46),
    "elder": (58, 74),
}
_CHILDREN: dict[str, tuple[tuple[int, int], ...]] = {
    "family": ((1, 3), (2, 4), (3, 3), (4, 2), (5, 1)),
    "single_parent": ((1, 4), (2, 3), (3, 2)),
}


# --- small helpers --------------------------------------------------------------------------------------


def _weighted(rng: random.Random, options: Sequence[tuple[_T, int]]) -> _T:
    return rng.choices([value for value, _ in options], weights=[weight for _, weight in options])[0]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _age(birth: date, on: date = REFERENCE_DATE) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _ascii(text: str) -> str:
    text = text.replace("ß", "ss").replace("ł", "l").replace("Ł", "L").replace("ı", "i")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


# --- one person ----------------------------------------------------------------------------------------


class _Builder:
    """Draws one plausible biography after another from the tables, all from one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: set[tuple[str, str, str]] = set()
        self.emails: set[str] = set()
        self.phones = rng.sample(range(100, 1000), 900)

    def person(self, cast: Cast) -> dict[str, Any]:
        rng = self.rng
        origin = ORIGINS[cast.origin]
        household = cast.household
        gender = self._gender(origin, household, cast.given)
        youngest, oldest = _HOUSEHOLD_AGES[household]
        birth = _between(
            rng, _years_before(REFERENCE_DATE, oldest + 1) + timedelta(days=1), _years_before(REFERENCE_DATE, youngest)
        )
        given, family = self._name(origin, gender, cast.given, birth)
        arrival = self._arrival(origin, birth, household)
        status = self._status(origin, arrival, household)
        if status == "asylum_procedure":
            arrival = _between(rng, REFERENCE_DATE - timedelta(days=80), REFERENCE_DATE - timedelta(days=10))
        years_here = (REFERENCE_DATE - arrival).days / 365.25
        education = 0 if household == "uma" else _weighted(rng, list(enumerate(origin.education)))

        fields: dict[str, Any] = {
            "family_name": family,
            "given_names": given,
            "birth_date": birth.isoformat(),
            "birth_place": rng.choice(origin.birth_places),
            "gender": gender,
            "nationality": self._nationality(origin, status),
            **self._contact(given, family, birth, household),
            "residence_status": status,
        }
        valid_until = self._permit_valid_until(status)
        if valid_until is not None:
            fields["permit_valid_until"] = valid_until.isoformat()
        fields["arrival_date"] = arrival.isoformat()
        fields["work_permission"] = self._work_permission(status, arrival)
        fields["mother_tongue"] = origin.mother_tongue
        german, course = self._german(origin, status, household, education, years_here)
        fields["languages"] = self._languages(origin, education, german)
        if course is not None:
            fields["integration_course"] = course
        fields["school_education"] = self._schooling(origin, education, household, birth, arrival)
        qualifications, work, desired = self._work(origin, gender, education, household, birth, years_here, status)
        if qualifications:
            fields["vocational_qualifications"] = qualifications
        if work:
            fields["work_experience"] = work
        if desired:
            fields["desired_occupation"] = desired
        fields["marital_status"] = self._marital_status(origin, household)
        children = self._children(household, birth, years_here)
        if children:
            fields["children"] = children
        if household == "uma":
            fields["unaccompanied_minor"] = True
            fields["guardian"] = GUARDIAN
        fields.update(self._interests(household, german))
        if cast.health_notes:
            fields["health_notes"] = cast.health_notes
        if cast.disability:
            fields["disability"] = cast.disability
        return fields

    # -- identity and contact

    def _gender(self, origin: Origin, household: str, pinned: str | None) -> str:
        if pinned is not None:
            return "female" if pinned in origin.female else "male"
        share = {"uma": 0.15, "single_parent": 0.9, "family": 0.5, "elder": 0.55}.get(household, origin.female_share)
        return "female" if self.rng.random() < share else "male"

    def _name(self, origin: Origin, gender: str, pinned: str | None, birth: date) -> tuple[str, str]:
        rng = self.rng
        for _ in range(100):
            given = pinned or rng.choice(origin.female if gender == "female" else origin.male)
            family_entry = rng.choice(origin.family)
            if isinstance(family_entry, tuple):
                family = family_entry[1] if gender == "female" else family_entry[0]
            else:
                family = family_entry
            key = (family, given, birth.isoformat())
            if key not in self.people:
                self.people.add(key)
                return given, family
        raise RuntimeError("name tables too small for the number of demo people")  # pragma: no cover

    def _contact(self, given: str, family: str, birth: date, household: str) -> dict[str, str]:
        rng = self.rng
        municipality, postcode, _ = _weighted(rng, [(m, m[2]) for m in MUNICIPALITIES])
        suffix = self.phones.pop() if self.phones else rng.randint(100, 999)
        out = {
            "address": f"{rng.choice(STREETS)} {rng.randint(180, 199)}, {postcode} {municipality}",
            "phone": f"+49 {rng.choice(PHONE_PREFIXES)} 0000 {suffix}",
        }
        if rng.random() < {"elder": 0.3, "uma": 0.5}.get(household, 0.7):
            local = f"{_ascii(given.split()[0])}.{_ascii(family)}"
            if rng.random() < 0.3 or local in self.emails:
                local += f"{birth.year % 100:02d}"
            while local in self.emails:
                local += str(rng.randint(0, 9))
            self.emails.add(local)
            out["email"] = f"{local}@example.org"
        out["municipality"] = municipality
        return out

    # -- residence

    def _arrival(self, origin: Origin, birth: date, household: str) -> date:
        rng = self.rng
        latest = REFERENCE_DATE - timedelta(days=21)
        if household == "uma":  # came as minors, in the last few years
            earliest = max(date(2023, 1, 1), _years_before(birth, -13))
            return _between(rng, earliest, latest)
        grown_up = _years_before(birth, -16)
        first, last = _weighted(rng, [((a, b), w) for a, b, w in origin.arrivals])
        low = max(date.fromisoformat(first), grown_up)
        high = min(date.fromisoformat(last), latest)
        if low > high:  # too young for that window: some later arrival of this group
            low = max(date.fromisoformat(origin.arrivals[0][0]), grown_up)
            high = latest
        return _between(rng, low, high)

    def _status(self, origin: Origin, arrival: date, household: str) -> str:
        arrived = arrival.isoformat()
        weights = next(w for until, w in origin.statuses if arrived <= until)
        if household == "uma":
            allowed = ("aufenthaltsgestattung", "aufenthaltserlaubnis", "duldung")
            weights = tuple((s, w) for s, w in weights if s in allowed) or (("aufenthaltsgestattung", 1),)
        status = _weighted(self.rng, weights)
        years_here = (REFERENCE_DATE - arrival).days / 365.25
        if status == "german_citizen" and years_here < 6:
            status = "niederlassungserlaubnis"
        if status in ("niederlassungserlaubnis", "erlaubnis_zum_daueraufenthalt_eu") and years_here < 5:
            status = "aufenthaltserlaubnis"
        if status == "aufenthaltsgestattung" and years_here > 2.5:  # the asylum procedure has been decided by now
            status = "aufenthaltserlaubnis" if self.rng.random() < 0.6 else "duldung"
        asylum_route = any(s == "aufenthaltsgestattung" for _, weights in origin.statuses for s, _ in weights)
        if status == "aufenthaltserlaubnis" and asylum_route and years_here < 0.75:  # not decided yet
            status = "aufenthaltsgestattung"
        return status

    def _nationality(self, origin: Origin, status: str) -> list[str]:
        if status == "german_citizen":  # multiple citizenship is allowed since June 2024
            return ["DE", *origin.nationality]
        if status == "eu_citizen" and origin.eu_passport:
            return [*origin.nationality, origin.eu_passport]
        return list(origin.nationality)

    def _permit_valid_until(self, status: str) -> date | None:
        rng, today = self.rng, REFERENCE_DATE
        if status == "temporary_protection_24":
            return date(2027, 3, 4)  # the EU extended temporary protection for Ukrainians until then
        spans = {
            "aufenthaltserlaubnis": (30, 3 * 365),
            "aufenthaltsgestattung": (20, 180),
            "duldung": (10, 120),
            "fiktionsbescheinigung": (30, 180),
        }
        if status not in spans:
            return None
        low, high = spans[status]
        return _between(rng, today + timedelta(days=low), today + timedelta(days=high))

    def _work_permission(self, status: str, arrival: date) -> str:
        if status in ("aufenthaltsgestattung", "duldung"):
            if status == "aufenthaltsgestattung" and (REFERENCE_DATE - arrival).days < 90:
                return "not_permitted"
            return "permitted_with_approval" if self.rng.random() < 0.8 else "not_permitted"
        if status == "asylum_procedure":
            return "not_permitted"
        return "permitted"

    # -- language

    def _german(
        self, origin: Origin, status: str, household: str, education: int, years_here: float
    ) -> tuple[int, dict[str, str] | None]:
        """The German level (index into CEFR, -1 for none yet) and the integration course record."""
        rng = self.rng
        level = next(lv for limit, lv in ((0.5, -1), (1.5, 0), (3, 1), (99, 2)) if years_here < limit)
        level += (education == 3) - (education == 0) + rng.choice((-1, 0, 0, 0, 1))
        if household == "elder":
            level -= 1
        if status == "eu_citizen":
            level -= 1
        level = max(level, origin.german_floor, -1 if years_here < 0.5 else 0)
        level = min(level, 4, int(years_here * 1.5) + max(origin.german_floor, 0))
        course: dict[str, str] | None = None
        if household == "uma" or origin.german_floor >= 0:
            pass  # school, or German learnt before the visa
        elif status == "asylum_procedure":
            course = {"status": "not_started"}
        elif status in ("german_citizen", "niederlassungserlaubnis", "erlaubnis_zum_daueraufenthalt_eu"):
            level = max(level, 2)
            course = {"status": "completed", "level": "B1", "certificate": "DTZ B1"}
        elif status == "duldung":
            course = {"status": rng.choice(("not_started", "entitled"))}
        elif status == "eu_citizen":  # admitted on application only
            if rng.random() < 0.5:
                level, course = self._course(level, years_here, ("enrolled", "entitled"))
        else:
            level, course = self._course(level, years_here, ("obliged", "entitled", "enrolled"))
        return level, course

    def _course(self, level: int, years_here: float, starting: tuple[str, ...]) -> tuple[int, dict[str, str]]:
        rng = self.rng
        if years_here < 0.5:
            return level, {"status": rng.choice(starting)}
        if years_here < 1.5:
            return level, {"status": "in_progress", "level": CEFR[min(max(level + 1, 0), 2)]}
        still_running = 1 if years_here < 4 else 0
        outcome = _weighted(rng, (("completed", 7), ("interrupted", 1), ("in_progress", still_running)))
        if outcome == "completed":
            level = max(level, 1)
            reached = "B1" if level >= 2 else "A2"
            return level, {"status": "completed", "level": reached, "certificate": f"DTZ {reached}"}
        if outcome == "interrupted":
            return level, {"status": "interrupted", "level": CEFR[min(max(level, 0), 2)]}
        return level, {"status": "in_progress", "level": CEFR[min(max(level + 1, 0), 2)]}

    def _languages(self, origin: Origin, education: int, german: int) -> list[dict[str, str]]:
        rng = self.rng
        skills = [{"language": origin.mother_tongue, "level": "native"}]
        for code, levels, share in origin.other_languages:
            if rng.random() < share:
                skills.append({"language": code, "level": rng.choice(levels)})
        if german >= 0:
            skills.append({"language": "de", "level": CEFR[german]})
        if education >= 1 and rng.random() < origin.english + 0.1 * (education - 1):
            english = min(4, max(0, education - 1 + rng.choice((-1, 0, 1, 1))))
            skills.append({"language": "en", "level": CEFR[english]})
        if education == 3 and rng.random() < 0.15:
            skills.append({"language": "fr", "level": rng.choice(("A1", "A2", "B1"))})
        return skills

    # -- education and work

    def _schooling(
        self, origin: Origin, education: int, household: str, birth: date, arrival: date
    ) -> list[dict[str, Any]]:
        rng = self.rng
        country, full_years, leaving, basic_years, basic = origin.school
        if origin.school_abroad and rng.random() < origin.school_abroad[1]:
            country = origin.school_abroad[0]
        if household == "uma":
            abroad = max(0, min(_age(birth, arrival) - 6, rng.randint(2, 9)))
            here = max(1, round((REFERENCE_DATE - arrival).days / 365.25))
            return [{"country": country, "years": abroad}, {"country": "DE", "years": here}]
        if education == 0:
            years = rng.choice((0, 2, 3, 4, 5))
            return [{"country": country, "years": years}]
        if education == 1:
            return [{"country": country, "years": basic_years, "degree": basic}]
        return [{"country": country, "years": full_years, "degree": leaving}]

    def _work(
        self, origin: Origin, gender: str, education: int, household: str, birth: date, years_here: float, status: str
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str | None]:
        rng = self.rng
        female = gender == "female"
        country = origin.nationality[0]
        if household == "uma":
            return [], [], rng.choice(APPRENTICESHIPS)[1 if female else 0]
        qualifications: list[dict[str, Any]] = []
        work: list[dict[str, Any]] = []
        working_years = max(0, _age(birth) - 18 - int(years_here))
        chance = (0.0, 0.5, 0.7, 0.95)[education]
        occupation: Occupation | None = None
        if rng.random() < chance:
            eligible = [k for k, o in OCCUPATIONS.items() if o.level <= education and o.level >= education - 1]
            favoured = [k for k in origin.occupations if k in eligible]
            key = rng.choice(favoured if favoured and rng.random() < 0.75 else eligible)
            occupation = OCCUPATIONS[key]
            title = occupation.female if female else occupation.male
            record: dict[str, Any] = {"title": title, "country": country}
            if occupation.kldb:
                record["kldb"] = occupation.kldb
            if occupation.isco:
                record["isco"] = occupation.isco
            record["recognition"] = self._recognition(occupation, eu=status == "eu_citizen")
            qualifications.append(record)
            if working_years > 0:
                work.append({"occupation": title, "years": min(working_years, rng.randint(1, 15)), "country": country})
        elif working_years > 0 and rng.random() < 0.8:
            work.append(
                {
                    "occupation": rng.choice(INFORMAL_WORK),
                    "years": min(working_years, rng.randint(1, 8)),
                    "country": country,
                }
            )
        if years_here >= 1.5 and household != "elder" and rng.random() < 0.6:
            work.append(
                {
                    "occupation": rng.choice(WORK_IN_GERMANY),
                    "years": max(1, rng.randint(1, int(years_here))),
                    "country": "DE",
                }
            )
        if household == "elder":
            desired = None
        elif occupation is not None and rng.random() < 0.7:
            desired = occupation.female if female else occupation.male
        elif _age(birth) < 35:
            desired = rng.choice(APPRENTICESHIPS)[1 if female else 0]
        else:
            desired = rng.choice((None, "Helfertätigkeit in Logistik", "Arbeit in der Pflege", "Hausmeisterservice"))
        return qualifications, work, desired

    def _recognition(self, occupation: Occupation, *, eu: bool) -> str:
        options: tuple[tuple[str, int], ...]
        if occupation.regulated:
            options = (
                (("full", 4), ("in_progress", 2))
                if eu
                else (("in_progress", 3), ("partial", 2), ("not_applied", 2), ("full", 1), ("refused", 1))
            )
        elif occupation.level == 3:
            options = (("not_required", 2), ("full", 1), ("not_applied", 2))
        else:
            options = (("not_applied", 4), ("in_progress", 2), ("partial", 2), ("full", 1))
        return _weighted(self.rng, options)

    # -- family and interests

    def _marital_status(self, origin: Origin, household: str) -> str:
        rng = self.rng
        if household == "uma":
            return "single"
        if household == "family":
            return "married"
        if household == "single_parent":
            if origin.mother_tongue == "uk":  # the father often stayed in Ukraine
                return _weighted(rng, (("married", 3), ("divorced", 1)))
            return _weighted(rng, (("divorced", 3), ("widowed", 2), ("separated", 2)))
        if household == "elder":
            return _weighted(rng, (("married", 3), ("widowed", 2)))
        return _weighted(rng, (("single", 8), ("divorced", 1), ("married", 1)))

    def _children(self, household: str, birth: date, years_here: float) -> list[dict[str, Any]]:
        rng = self.rng
        if household == "elder":
            years = sorted(rng.randint(birth.year + 20, birth.year + 36) for _ in range(rng.randint(2, 5)))
            return [
                {
                    "birth_year": y,
                    "school_attendance": "finished" if REFERENCE_DATE.year - y > 22 else "vocational_training",
                }
                for y in years
            ]
        if household not in _CHILDREN:
            return []
        latest = min(REFERENCE_DATE.year, birth.year + 44)
        years = sorted(rng.randint(birth.year + 19, latest) for _ in range(_weighted(rng, _CHILDREN[household])))
        return [
            {"birth_year": y, "school_attendance": self._attendance(REFERENCE_DATE.year - y, years_here)} for y in years
        ]

    def _attendance(self, age: int, years_here: float) -> str:
        rng = self.rng
        if age <= 0:
            return "not_of_school_age"
        if age <= 2:
            return "daycare" if rng.random() < 0.5 else "not_of_school_age"
        if age <= 5:
            return "daycare" if rng.random() < 0.85 else "not_of_school_age"
        if age <= 15:
            return "no_school_place" if years_here < 0.5 and rng.random() < 0.5 else "attends_school"
        if age <= 17:
            return "attends_school" if rng.random() < 0.6 else "vocational_training"
        if age <= 21:
            return _weighted(rng, (("vocational_training", 5), ("attends_school", 1), ("finished", 3)))
        return "finished"

    def _interests(self, household: str, german: int) -> dict[str, list[str]]:
        rng = self.rng
        out: dict[str, list[str]] = {}
        sports = rng.randint(1, 3) if household == "uma" else rng.choice((0, 0, 1, 1, 2, 3))
        if household == "elder":
            sports = rng.choice((0, 0, 1))
        if sports:
            out["sport_interests"] = rng.sample(SPORTS, sports)
        offers = [v for v in VOLUNTEERING if german >= 2 or v != "Dolmetschen"]
        count = rng.choice((0, 0, 1, 1, 2))
        if count:
            out["volunteering_interests"] = rng.sample(offers, count)
        return out


def _extra_cast(rng: random.Random) -> Cast:
    """A further person beyond the fixed cast: any group, a household typical for it."""
    key = rng.choice(list(ORIGINS))
    return Cast(key, _weighted(rng, ORIGINS[key].households))


def demo_biographies(count: int = 40, seed: int = 2026) -> list[dict[str, Any]]:
    """Synthetic, varied migration biographies for the demo tenant (deterministic for a seed)."""
    rng = random.Random(seed)  # noqa: S311 - invented demo data, not a secret
    builder = _Builder(rng)
    people = []
    for index in range(max(0, count)):
        cast = CAST[index] if index < len(CAST) else _extra_cast(rng)
        people.append(builder.person(cast))
    return people

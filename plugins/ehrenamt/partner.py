"""The declaration of the Forum Ehrenamt Burgenlandkreis."""

from __future__ import annotations

from core import CONSENT, Contact, FieldGrant, Location, OpeningHours, Partner, PartnerKind, Service


def _consent(field: str, purpose: str) -> FieldGrant:
    """The Forum Ehrenamt appears in no statute: every field it sees needs the person's consent."""
    return FieldGrant(field=field, purpose=purpose, basis=CONSENT)


def _field_grants() -> tuple[FieldGrant, ...]:
    matching = "Vermittlung an ehrenamtliche Patinnen, Paten und Begleitpersonen und Kontaktaufnahme."
    return (
        _consent("given_names", matching),
        _consent("family_name", matching),
        _consent("municipality", "Suche von Ehrenamtlichen in Wohnortnähe."),
        _consent("phone", matching),
        _consent("email", matching),
        _consent("languages", "Auswahl passender Sprachpatinnen und Sprachpaten nach Sprachstand und Sprachen."),
        _consent("volunteering_interests", "Vermittlung in ein passendes eigenes Ehrenamt."),
    )


_NO_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "de": ("Keine Unterlagen nötig",),
    "en": ("No documents needed",),
    "ar": ("لا حاجة إلى أي وثائق",),
    "ku": ("Ti belge ne pêwîst in",),
}


def _services() -> tuple[Service, ...]:
    return (
        Service(
            id="patenschaften",
            names={
                "de": "Patenschaften",
                "en": "Volunteer mentors",
                "ar": "المرافقة التطوعية (العرّابون)",
                "ku": "Rêberên dilxwaz (Patenschaft)",
            },
            descriptions={
                "de": (
                    "Eine ehrenamtliche Patin oder ein Pate begleitet Sie oder Ihre Familie über mehrere Monate im "
                    "Alltag: Stadt kennenlernen, Post verstehen, Arzttermine, Schule der Kinder, Freizeit und "
                    "Kontakte."
                ),
                "en": (
                    "A volunteer mentor accompanies you or your family in everyday life for several months: getting "
                    "to know the town, understanding letters, doctor's appointments, the children's school, free time "
                    "and making contacts."
                ),
                "ar": (
                    "يرافقك أو يرافق عائلتك متطوع أو متطوعة لعدة أشهر في الحياة اليومية: التعرف على المدينة، وفهم "
                    "الرسائل، ومواعيد الطبيب، ومدرسة الأطفال، وأوقات الفراغ، وبناء العلاقات."
                ),
                "ku": (
                    "Rêberek dilxwaz çend mehan di jiyana rojane de bi we an malbata we re dimeşe: naskirina bajêr, "
                    "fêmkirina nameyan, randevûyên doktor, dibistana zarokan, demên vala û çêkirina têkiliyan."
                ),
            },
            languages=("de", "en"),
            eligibility={
                "de": "Zugewanderte Einzelpersonen und Familien im Burgenlandkreis; kostenlos und freiwillig.",
                "en": "Individuals and families who have moved to the Burgenlandkreis; free of charge and voluntary.",
                "ar": "الأفراد والعائلات القادمون إلى منطقة بورغنلاندكرايس؛ مجانًا وطوعًا.",
                "ku": "Kes û malbatên ku hatine Burgenlandkreisê; belaş û bi dilxwazî.",
            },
            required_documents=_NO_DOCUMENTS,
            needs_fields=("given_names", "family_name", "municipality", "phone"),
            keywords={
                "de": (
                    "Pate",
                    "Patin",
                    "Patenschaft",
                    "Begleitung",
                    "Ansprechpartner",
                    "Alltag",
                    "Hilfe im Alltag",
                    "Kontakte",
                    "Deutsche kennenlernen",
                    "einsam",
                    "Freunde finden",
                    "Unterstützung",
                    "Ehrenamtliche",
                ),
                "en": (
                    "mentor",
                    "sponsor",
                    "buddy",
                    "someone to help me",
                    "everyday help",
                    "contacts",
                    "meet Germans",
                    "lonely",
                    "make friends",
                    "support",
                    "volunteer",
                    "accompany",
                ),
                "ar": (
                    "عرّاب",
                    "مرشد",
                    "متطوع",
                    "متطوعة",
                    "مساعدة بالحياة اليومية",
                    "حدا يساعدني",
                    "تعرف على ألمان",
                    "وحيد",
                    "وحدة",
                    "صداقات",
                    "أصحاب",
                    "مرافقة",
                    "دعم",
                ),
                "ku": (
                    "rêber",
                    "Pate",
                    "dilxwaz",
                    "alîkarî di jiyana rojane de",
                    "kesek alîkariya min bike",
                    "naskirina almanan",
                    "ez bi tenê me",
                    "tenêtî",
                    "heval",
                    "hevaltî",
                    "piştgirî",
                    "bi min re were",
                ),
            },
        ),
        Service(
            id="sprachpaten",
            names={
                "de": "Sprachpatenschaften und Sprachcafé",
                "en": "Language buddies and language café",
                "ar": "شركاء اللغة ومقهى اللغة",
                "ku": "Hevalên zimên û kafeya zimên",
            },
            descriptions={
                "de": (
                    "Deutsch üben im Gespräch: regelmäßige Treffen mit einer Sprachpatin oder einem Sprachpaten, "
                    "offenes Sprachcafé in Naumburg und Zeitz, Hilfe bei Hausaufgaben aus dem Integrationskurs und "
                    "Vorbereitung auf Prüfungen."
                ),
                "en": (
                    "Practise German by talking: regular meetings with a language buddy, an open language café in "
                    "Naumburg and Zeitz, help with homework from the integration course and exam preparation."
                ),
                "ar": (
                    "تمرين الألمانية بالمحادثة: لقاءات منتظمة مع شريك لغة، ومقهى لغة مفتوح في ناومبورغ وتسايتس، "
                    "ومساعدة في واجبات دورة الاندماج والتحضير للامتحانات."
                ),
                "ku": (
                    "Pratîka almanî bi axaftinê: hevdîtinên birêkûpêk bi hevalekî zimên re, kafeya zimên a vekirî li "
                    "Naumburg û Zeitzê, alîkarî di karê malê yê kursa entegrasyonê de û amadekariya ji bo ezmûnan."
                ),
            },
            languages=("de", "en", "ar"),
            eligibility={
                "de": "Alle, die Deutsch üben möchten – mit oder ohne Kursplatz, auf jedem Sprachniveau.",
                "en": "Anyone who wants to practise German – with or without a course place, at any level.",
                "ar": "كل من يريد تمرين اللغة الألمانية – مع مكان في دورة أو بدونه، ومن أي مستوى.",
                "ku": "Her kesê ku dixwaze almanî pratîk bike – bi cih di kursê de an bê wê, di her astê de.",
            },
            required_documents={
                "de": ("Keine Unterlagen nötig – gern Kursbuch oder Hausaufgaben mitbringen",),
                "en": ("No documents needed – feel free to bring your course book or homework",),
                "ar": ("لا حاجة إلى وثائق – يمكنك إحضار كتاب الدورة أو الواجبات",),
                "ku": ("Belge ne pêwîst in – hûn dikarin pirtûka kursê an karê malê bînin",),
            },
            needs_fields=("given_names", "municipality", "phone", "languages"),
            keywords={
                "de": (
                    "Deutsch üben",
                    "Deutsch sprechen",
                    "Sprachpate",
                    "Sprachcafé",
                    "Tandem",
                    "Konversation",
                    "Hausaufgaben Deutschkurs",
                    "Prüfung B1",
                    "Aussprache",
                    "sprechen lernen",
                    "Deutsch verbessern",
                    "reden",
                ),
                "en": (
                    "practise German",
                    "speak German",
                    "language buddy",
                    "language café",
                    "tandem",
                    "conversation",
                    "German homework",
                    "B1 exam",
                    "pronunciation",
                    "improve my German",
                    "talk",
                ),
                "ar": (
                    "تمرين الألماني",
                    "أحكي ألماني",
                    "محادثة",
                    "شريك لغة",
                    "مقهى اللغة",
                    "تاندم",
                    "واجبات الكورس",
                    "امتحان B1",
                    "اللفظ",
                    "تحسين اللغة",
                    "بدي احكي ألماني",
                    "ممارسة اللغة",
                ),
                "ku": (
                    "pratîka almanî",
                    "almanî biaxivim",
                    "axaftin",
                    "hevalê zimên",
                    "kafeya zimên",
                    "tandem",
                    "karê malê yê kursê",
                    "ezmûna B1",
                    "bilêvkirin",
                    "almaniya xwe baştir bikim",
                    "dixwazim almanî biaxivim",
                ),
            },
        ),
        Service(
            id="behoerdenbegleitung",
            names={
                "de": "Begleitung zu Ämtern und Terminen",
                "en": "Accompaniment to offices and appointments",
                "ar": "المرافقة إلى الدوائر والمواعيد",
                "ku": "Hevrêtî ji bo daîre û randevûyan",
            },
            descriptions={
                "de": (
                    "Ehrenamtliche begleiten Sie zu Terminen bei Behörden, Vermietern, Banken, Ärzten oder Schulen, "
                    "helfen beim Ausfüllen von Formularen und erklären Briefe in einfacher Sprache. Keine "
                    "Rechtsberatung."
                ),
                "en": (
                    "Volunteers go with you to appointments at public offices, landlords, banks, doctors or schools, "
                    "help you fill in forms and explain letters in plain language. No legal advice."
                ),
                "ar": (
                    "يرافقك متطوعون إلى المواعيد في الدوائر الرسمية وعند المؤجرين والبنوك والأطباء والمدارس، "
                    "ويساعدونك في تعبئة الاستمارات ويشرحون الرسائل بلغة بسيطة. لا يقدمون استشارة قانونية."
                ),
                "ku": (
                    "Dilxwaz bi we re diçin randevûyên li daîreyên fermî, cem xwediyên xaniyan, bank, doktor an "
                    "dibistanan, di tijekirina forman de alîkarî dikin û nameyan bi zimanekî hêsan rave dikin. "
                    "Şêwirmendiya qanûnî nayê dayîn."
                ),
            },
            languages=("de", "en", "ar"),
            eligibility={
                "de": "Zugewanderte im Burgenlandkreis; bitte melden Sie sich mindestens eine Woche vor dem Termin.",
                "en": "Newcomers in the Burgenlandkreis; please get in touch at least one week before the appointment.",
                "ar": "القادمون الجدد في منطقة بورغنلاندكرايس؛ يرجى التواصل قبل الموعد بأسبوع على الأقل.",
                "ku": (
                    "Kesên nû hatine Burgenlandkreisê; ji kerema xwe herî kêm hefteyek berî randevûyê bi me re têkilî "
                    "daynin."
                ),
            },
            required_documents={
                "de": ("Einladung oder Terminbestätigung", "Die Briefe und Formulare, um die es geht"),
                "en": ("Invitation or appointment confirmation", "The letters and forms concerned"),
                "ar": ("الدعوة أو تأكيد الموعد", "الرسائل والاستمارات المعنية"),
                "ku": ("Vexwendin an piştrastkirina randevûyê", "Name û formên têkildar"),
            },
            needs_fields=("given_names", "family_name", "municipality", "phone"),
            keywords={
                "de": (
                    "Begleitung",
                    "Amt",
                    "Behörde",
                    "Termin",
                    "mitkommen",
                    "Formular",
                    "Antrag ausfüllen",
                    "Brief erklären",
                    "Bank",
                    "Arzt",
                    "Vermieter",
                    "Schule",
                    "Papierkram",
                    "jemand kommt mit",
                ),
                "en": (
                    "accompany",
                    "go with me",
                    "office",
                    "authority",
                    "appointment",
                    "form",
                    "fill in an application",
                    "explain a letter",
                    "bank",
                    "doctor",
                    "landlord",
                    "paperwork",
                    "come with me",
                ),
                "ar": (
                    "مرافقة",
                    "حدا يروح معي",
                    "دائرة",
                    "موعد",
                    "تيرمين",
                    "استمارة",
                    "تعبئة طلب",
                    "شرح رسالة",
                    "ورقة ما فهمتها",
                    "بنك",
                    "دكتور",
                    "صاحب البيت",
                    "أوراق",
                    "معاملة",
                ),
                "ku": (
                    "hevrêtî",
                    "kesek bi min re were",
                    "daîre",
                    "randevû",
                    "termîn",
                    "form",
                    "tijekirina serlêdanê",
                    "ravekirina nameyê",
                    "min name fêm nekir",
                    "bank",
                    "doktor",
                    "xwediyê xanî",
                    "kaxez",
                    "muamele",
                ),
            },
        ),
        Service(
            id="engagement",
            names={
                "de": "Selbst ehrenamtlich aktiv werden",
                "en": "Volunteer yourself",
                "ar": "تطوّع بنفسك",
                "ku": "Bi xwe bibe dilxwaz",
            },
            descriptions={
                "de": (
                    "Sie möchten sich einbringen – als Sprachmittler, im Sportverein, bei der Tafel, im Sprachcafé "
                    "oder in der Nachbarschaftshilfe? Wir finden ein Ehrenamt, das zu Ihren Interessen und Zeiten "
                    "passt, und stellen eine Ehrenamtsbescheinigung aus."
                ),
                "en": (
                    "You want to get involved – as an interpreter, in a sports club, at the food bank, in the "
                    "language café or helping neighbours? We find a volunteering role that matches your interests and "
                    "time and issue a volunteering certificate."
                ),
                "ar": (
                    "هل تريد أن تشارك – كمترجم، أو في نادٍ رياضي، أو في بنك الطعام (التافل)، أو في مقهى اللغة، أو في "
                    "مساعدة الجيران؟ نجد لك عملًا تطوعيًا يناسب اهتماماتك ووقتك ونصدر لك شهادة تطوع."
                ),
                "ku": (
                    "Hûn dixwazin beşdar bibin – wek wergêr, di klûbeke werzişê de, li Tafelê (banka xwarinê), di "
                    "kafeya zimên de an di alîkariya cîranan de? Em xebateke dilxwazî ya li gorî eleqe û wextê we "
                    "dibînin û belgeya dilxwaziyê didin."
                ),
            },
            languages=("de", "en", "ar"),
            eligibility={
                "de": "Alle ab 16 Jahren, unabhängig von Aufenthaltsstatus und Deutschkenntnissen.",
                "en": "Everyone aged 16 or over, regardless of residence status and German skills.",
                "ar": "كل من بلغ 16 عامًا فما فوق، بغض النظر عن وضع الإقامة ومستوى اللغة الألمانية.",
                "ku": "Her kesê 16 salî û mezintir, bêyî ku rewşa rûniştinê an asta almanî girîng be.",
            },
            required_documents={
                "de": ("Keine Unterlagen nötig; für die Arbeit mit Kindern ein erweitertes Führungszeugnis",),
                "en": ("No documents needed; for work with children an extended certificate of good conduct",),
                "ar": ("لا حاجة إلى وثائق؛ وللعمل مع الأطفال يلزم سجل عدلي موسّع (Führungszeugnis)",),
                "ku": (
                    (
                        "Belge ne pêwîst in; ji bo xebata bi zarokan re belgeya bêsûcîtiyê ya berfireh "
                        "(Führungszeugnis) pêwîst e"
                    ),
                ),
            },
            needs_fields=(
                "given_names",
                "family_name",
                "municipality",
                "phone",
                "email",
                "volunteering_interests",
            ),
            keywords={
                "de": (
                    "Ehrenamt",
                    "ehrenamtlich",
                    "helfen",
                    "mithelfen",
                    "Freiwilligenarbeit",
                    "engagieren",
                    "Dolmetschen",
                    "Tafel",
                    "Nachbarschaftshilfe",
                    "etwas zurückgeben",
                    "sinnvolle Aufgabe",
                    "Bescheinigung",
                    "Verein",
                ),
                "en": (
                    "volunteering",
                    "volunteer",
                    "help others",
                    "get involved",
                    "interpreting",
                    "food bank",
                    "neighbourhood help",
                    "give something back",
                    "meaningful",
                    "certificate",
                    "association",
                    "unpaid work",
                ),
                "ar": (
                    "تطوع",
                    "عمل تطوعي",
                    "بدي ساعد",
                    "مساعدة الناس",
                    "ترجمة",
                    "التافل",
                    "بنك الطعام",
                    "مساعدة الجيران",
                    "رد الجميل",
                    "شهادة تطوع",
                    "جمعية",
                    "نشاط",
                ),
                "ku": (
                    "dilxwazî",
                    "xebata dilxwazî",
                    "dixwazim alîkarî bikim",
                    "alîkariya xelkê",
                    "wergerandin",
                    "Tafel",
                    "alîkariya cîranan",
                    "qenciyê vegerînim",
                    "belgeya dilxwaziyê",
                    "komele",
                    "çalakî",
                ),
            },
        ),
    )


def declaration() -> Partner:
    return Partner(
        id="ehrenamt",
        kind=PartnerKind.EXTERNAL,
        names={
            "de": "Forum Ehrenamt Burgenlandkreis",
            "en": "Volunteering Forum Burgenlandkreis",
            "ar": "منتدى العمل التطوعي في بورغنلاندكرايس",
            "ku": "Foruma Xebata Dilxwazî ya Burgenlandkreisê",
        },
        descriptions={
            "de": (
                "Netzwerk ehrenamtlich Engagierter im Landkreis: Wir bringen Zugewanderte mit Patinnen und Paten, "
                "Sprachpaten und Begleitern für Behördengänge zusammen und vermitteln Menschen, die sich selbst "
                "engagieren möchten."
            ),
            "en": (
                "Network of volunteers in the county: we connect newcomers with mentors, language buddies and "
                "companions for visits to public offices, and place people who want to volunteer themselves."
            ),
            "ar": (
                "شبكة المتطوعين في المقاطعة: نربط القادمين الجدد بمرافقين متطوعين (عرّابين) وشركاء لغة ومرافقين إلى "
                "الدوائر الرسمية، ونساعد من يريد أن يتطوع بنفسه."
            ),
            "ku": (
                "Tora dilxwazan li navçeyê: em kesên nû hatine bi rêberên dilxwaz (Paten), hevalên zimên û hevalên ku "
                "bi wan re diçin daîreyên fermî re dighînin hev, û kesên ku dixwazin bi xwe dilxwaz bin bi cih dikin."
            ),
        },
        contact=Contact(
            email="kontakt@forum-ehrenamt-blk.example",
            phone="03445 0000-500",
            website="https://www.forum-ehrenamt-blk.example",
        ),
        locations=(
            Location(
                name="Forum Ehrenamt, Freiwilligenagentur",
                address="Salzstraße 188, 06618 Naumburg (Saale)",
                rooms=("E.12",),
            ),
            Location(
                name="Sprachcafé Zeitz im Bürgerhaus",
                address="Roßmarkt 199, 06712 Zeitz",
                rooms=("Saal",),
            ),
        ),
        opening_hours=(
            OpeningHours(weekday=1, opens="10:00", closes="16:00"),
            OpeningHours(weekday=2, opens="15:00", closes="18:00"),
            OpeningHours(weekday=3, opens="10:00", closes="16:00"),
        ),
        services=_services(),
        grants=_field_grants(),
    )

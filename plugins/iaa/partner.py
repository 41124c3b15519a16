"""The declaration of the Integrations- und Ausländeramt, the county's host office."""

from __future__ import annotations

from core import CONSENT, Contact, FieldGrant, Location, OpeningHours, Partner, PartnerKind, Service

_RESIDENCE_LAW = "AufenthG §86"


def _grants(
    fields: tuple[str, ...],
    purpose: str,
    basis: str,
    *,
    write: tuple[str, ...] = (),
    excludes_free_movement: bool = False,
) -> list[FieldGrant]:
    return [
        FieldGrant(
            field=field,
            purpose=purpose,
            basis=basis,
            write=field in write,
            excludes_free_movement=excludes_free_movement,
        )
        for field in fields
    ]


def _field_grants() -> tuple[FieldGrant, ...]:
    identity = ("family_name", "given_names", "birth_date", "birth_place", "gender", "nationality")
    residence = ("residence_status", "permit_valid_until", "arrival_date", "work_permission")
    return (
        *_grants(
            identity,
            "Identifizierung der Person und Führung der Ausländerakte; gilt auch für Unionsbürger "
            "in Verfahren nach dem FreizügG/EU.",
            _RESIDENCE_LAW,
            write=identity,
        ),
        *_grants(
            ("address", "phone", "email", "municipality"),
            "Erreichbarkeit, örtliche Zuständigkeit und Unterbringung im aufenthaltsrechtlichen Verfahren; "
            "für freizügigkeitsberechtigte Unionsbürger nur mit Einwilligung.",
            _RESIDENCE_LAW,
            write=("address", "phone", "email", "municipality"),
            excludes_free_movement=True,
        ),
        *_grants(
            residence,
            "Erteilung, Verlängerung und Dokumentation von Aufenthaltstitel, Duldung, Gestattung und "
            "Beschäftigungserlaubnis; für freizügigkeitsberechtigte Unionsbürger nur mit Einwilligung.",
            _RESIDENCE_LAW,
            write=residence,
            excludes_free_movement=True,
        ),
        *_grants(
            ("marital_status",),
            "Prüfung familienbezogener Aufenthaltstitel und des Familiennachzugs; "
            "für freizügigkeitsberechtigte Unionsbürger nur mit Einwilligung.",
            _RESIDENCE_LAW,
            write=("marital_status",),
            excludes_free_movement=True,
        ),
        *_grants(
            ("children",),
            "Ermittlung der im Haushalt lebenden Familienangehörigen für Leistungen und Unterbringung nach "
            "dem AsylbLG, einschließlich der Anrechnung ihres Einkommens und Vermögens; Unionsbürger sind "
            "nach dem AsylbLG nicht leistungsberechtigt.",
            "AsylbLG §7",
            write=("children",),
            excludes_free_movement=True,
        ),
        *_grants(
            ("mother_tongue",),
            "Auswahl der Sprachmittlung für Beratung und aufenthaltsrechtliches Verfahren; "
            "für freizügigkeitsberechtigte Unionsbürger nur mit Einwilligung.",
            _RESIDENCE_LAW,
            write=("mother_tongue",),
            excludes_free_movement=True,
        ),
        *_grants(
            ("languages", "integration_course"),
            "Feststellung von Berechtigung und Verpflichtung zum Integrationskurs und Ausstellung des "
            "Berechtigungsscheins; Unionsbürger nur auf Antrag und mit Einwilligung.",
            "AufenthG §43",
            write=("languages", "integration_course"),
            excludes_free_movement=True,
        ),
        *_grants(
            ("unaccompanied_minor", "guardian"),
            "Vertretung Minderjähriger im aufenthaltsrechtlichen Verfahren durch den Vormund; "
            "für freizügigkeitsberechtigte Unionsbürger nur mit Einwilligung.",
            "AufenthG §80",
            excludes_free_movement=True,
        ),
        *_grants(
            ("school_education", "vocational_qualifications", "work_experience", "desired_occupation"),
            "Integrationsberatung und Vermittlung an Bildungs- und Arbeitsmarktpartner.",
            CONSENT,
            write=("school_education", "vocational_qualifications", "work_experience", "desired_occupation"),
        ),
        *_grants(
            ("sport_interests", "volunteering_interests"),
            "Vermittlung an Sportvereine und Ehrenamtsangebote durch die Integrationskoordination.",
            CONSENT,
            write=("sport_interests", "volunteering_interests"),
        ),
        *_grants(
            ("health_notes", "disability"),
            "Berücksichtigung besonderer Schutzbedarfe bei Unterbringung und Leistungsgewährung.",
            CONSENT,
            write=("health_notes", "disability"),
        ),
    )


def _services() -> tuple[Service, ...]:
    return (
        Service(
            id="empfang",
            names={
                "de": "Empfang und Erstberatung",
                "en": "Reception and first advice",
                "ar": "الاستقبال والاستشارة الأولى",
                "ku": "Pêşwazî û şêwirmendiya destpêkê",
            },
            descriptions={
                "de": (
                    "Erste Anlaufstelle im Haus: Wir nehmen Ihr Anliegen auf, vergeben Termine und Wartenummern, "
                    "helfen beim Verstehen von Briefen und leiten Sie an die zuständige Fachstelle oder einen Partner "
                    "weiter."
                ),
                "en": (
                    "First stop in the building: we take note of your concern, give appointments and queue numbers, "
                    "help you understand letters and pass you on to the responsible team or a partner."
                ),
                "ar": (
                    "أول محطة في المبنى: نسجّل طلبك، ونعطيك موعدًا أو رقم انتظار، ونساعدك على فهم الرسائل، ونحيلك إلى "
                    "القسم المختص أو إلى أحد الشركاء."
                ),
                "ku": (
                    "Cihê pêşîn li avahiyê: em daxwaza we tomar dikin, randevû û hejmara rêzê didin, di fêmkirina "
                    "nameyan de alîkariya we dikin û we dişînin beşa berpirsiyar an jî cem hevkarekî."
                ),
            },
            languages=("de", "en", "ar", "ku", "uk", "ru"),
            eligibility={
                "de": "Alle Zugewanderten im Burgenlandkreis und ihre Angehörigen, ohne Termin.",
                "en": (
                    "Everyone who has moved to the Burgenlandkreis from abroad, and their relatives; no appointment "
                    "needed."
                ),
                "ar": "جميع القادمين من الخارج إلى منطقة بورغنلاندكرايس وأقاربهم، دون الحاجة إلى موعد.",
                "ku": "Hemû kesên ji derveyî welat hatine Burgenlandkreisê û malbatên wan, bê randevû.",
            },
            required_documents={
                "de": (
                    "Reisepass, Aufenthaltstitel oder Ankunftsnachweis",
                    "Briefe oder Bescheide, um die es geht",
                ),
                "en": (
                    "Passport, residence permit or proof of arrival",
                    "The letters or notices your question is about",
                ),
                "ar": ("جواز السفر أو بطاقة الإقامة أو إثبات الوصول", "الرسائل أو القرارات المتعلقة بطلبك"),
                "ku": (
                    "Pasaport, destûra rûniştinê an belgeya hatinê",
                    "Name an biryarên ku pirsa we li ser wan e",
                ),
            },
            needs_fields=("family_name", "given_names", "birth_date", "mother_tongue"),
            keywords={
                "de": (
                    "Termin",
                    "Anmeldung",
                    "Empfang",
                    "Beratung",
                    "Frage",
                    "Hilfe",
                    "Brief verstehen",
                    "Post vom Amt",
                    "Dolmetscher",
                    "Wartenummer",
                    "wo muss ich hin",
                    "neu hier",
                    "wer ist zuständig",
                    "Formular ausfüllen",
                ),
                "en": (
                    "appointment",
                    "reception",
                    "advice",
                    "question",
                    "help",
                    "letter",
                    "understand a letter",
                    "interpreter",
                    "translator",
                    "queue number",
                    "where do I go",
                    "new here",
                    "which office",
                    "fill in a form",
                ),
                "ar": (
                    "موعد",
                    "مواعيد",
                    "استقبال",
                    "استشارة",
                    "سؤال",
                    "مساعدة",
                    "رسالة",
                    "فهم رسالة",
                    "ورقة من الدائرة",
                    "مترجم",
                    "ترجمة",
                    "رقم انتظار",
                    "وين لازم روح",
                    "جديد هون",
                    "تعبئة استمارة",
                ),
                "ku": (
                    "randevû",
                    "termîn",
                    "pêşwazî",
                    "şêwirmendî",
                    "pirs",
                    "alîkarî",
                    "name",
                    "nameyekê fêm bikim",
                    "wergêr",
                    "tercûman",
                    "hejmara rêzê",
                    "divê ez biçim ku derê",
                    "nû hatime",
                    "form tije bikim",
                ),
            },
        ),
        Service(
            id="aufenthalt",
            names={
                "de": "Ausländerbehörde: Aufenthalt und Pässe",
                "en": "Foreigners' authority: residence and passports",
                "ar": "دائرة الأجانب: الإقامة وجوازات السفر",
                "ku": "Fermangeha Biyaniyan: rûniştin û pasaport",
            },
            descriptions={
                "de": (
                    "Erteilung und Verlängerung von Aufenthaltstiteln, Duldungen und Aufenthaltsgestattungen, "
                    "elektronischer Aufenthaltstitel (eAT), Reiseausweise, Übertrag in einen neuen Pass, "
                    "Niederlassungserlaubnis, Beschäftigungserlaubnis, Wohnsitzauflage und Familiennachzug "
                    "(Zustimmung im Visumverfahren)."
                ),
                "en": (
                    "Issuing and extending residence permits, tolerations (Duldung) and permissions to stay during "
                    "asylum (Aufenthaltsgestattung), electronic residence permit cards (eAT), travel documents, "
                    "transfer to a new passport, settlement permits, employment permission, residence obligations and "
                    "family reunification (approval in visa procedures)."
                ),
                "ar": (
                    "منح الإقامات وتمديدها، والدولدونغ (وقف الترحيل) وإقامة طالبي اللجوء (الأوفنتهالتس غيشتاتونغ)، "
                    "وبطاقة الإقامة الإلكترونية، ووثائق السفر، ونقل الإقامة إلى جواز جديد، والإقامة الدائمة، وإذن "
                    "العمل، وشرط السكن، ولمّ الشمل (الموافقة في إجراءات التأشيرة)."
                ),
                "ku": (
                    "Dayîn û dirêjkirina destûrên rûniştinê, Duldung û Aufenthaltsgestattung, karta rûniştinê ya "
                    "elektronîk (eAT), belgeyên rêwîtiyê, veguhestina îqameyê bo pasaporta nû, rûniştina daîmî, "
                    "destûra xebatê, mecbûriyeta cihê rûniştinê û anîna malbatê (erêkirin di pêvajoya vîzeyê de)."
                ),
            },
            languages=("de", "en", "ar", "ku", "uk", "ru"),
            eligibility={
                "de": (
                    "Ausländische Staatsangehörige mit Wohnsitz im Burgenlandkreis; Unionsbürger nur in Fragen des "
                    "Freizügigkeitsrechts."
                ),
                "en": (
                    "Foreign nationals living in the Burgenlandkreis; EU citizens only for questions of free-movement "
                    "law."
                ),
                "ar": (
                    "المواطنون الأجانب المقيمون في منطقة بورغنلاندكرايس؛ ومواطنو الاتحاد الأوروبي فقط في مسائل حق "
                    "حرية التنقل."
                ),
                "ku": (
                    "Hemwelatiyên biyanî yên li Burgenlandkreisê dijîn; welatiyên Yekîtiya Ewropayê tenê ji bo pirsên "
                    "mafê azadiya tevgerê."
                ),
            },
            required_documents={
                "de": (
                    "Gültiger Reisepass oder Passersatzpapier",
                    "Bisheriger Aufenthaltstitel, Duldung oder Aufenthaltsgestattung",
                    "Aktuelles biometrisches Passfoto",
                    "Meldebescheinigung",
                    "Mietvertrag",
                    "Arbeitsvertrag und die letzten drei Gehaltsabrechnungen oder Leistungsbescheid",
                    "Nachweis über die Krankenversicherung",
                ),
                "en": (
                    "Valid passport or substitute travel document",
                    "Current residence permit, Duldung or Aufenthaltsgestattung",
                    "Recent biometric passport photo",
                    "Certificate of registration (Meldebescheinigung)",
                    "Tenancy agreement",
                    "Employment contract and last three payslips, or benefit notice",
                    "Proof of health insurance",
                ),
                "ar": (
                    "جواز سفر ساري المفعول أو وثيقة بديلة عنه",
                    "الإقامة الحالية أو الدولدونغ أو الأوفنتهالتس غيشتاتونغ",
                    "صورة شخصية بيومترية حديثة",
                    "شهادة تسجيل السكن (Meldebescheinigung)",
                    "عقد الإيجار",
                    "عقد العمل وآخر ثلاث قسائم راتب، أو قرار المساعدة",
                    "إثبات التأمين الصحي",
                ),
                "ku": (
                    "Pasaporteke derbasdar an belgeya şûna pasaportê",
                    "Destûra rûniştinê ya niha, Duldung an Aufenthaltsgestattung",
                    "Wêneyekî biyometrîk ê nû",
                    "Belgeya qeydkirina navnîşanê (Meldebescheinigung)",
                    "Peymana kirê",
                    "Peymana kar û sê bordroyên meaşê yên dawî, an biryara alîkariyê",
                    "Belgeya sîgorteya tenduristiyê",
                ),
            },
            needs_fields=(
                "family_name",
                "given_names",
                "birth_date",
                "nationality",
                "address",
                "residence_status",
                "permit_valid_until",
            ),
            keywords={
                "de": (
                    "Aufenthaltstitel",
                    "Aufenthalt verlängern",
                    "Verlängerung",
                    "Aufenthaltserlaubnis",
                    "Duldung",
                    "Gestattung",
                    "Ausländerbehörde",
                    "Pass",
                    "Reiseausweis",
                    "eAT abholen",
                    "Niederlassungserlaubnis",
                    "Familiennachzug",
                    "Arbeitserlaubnis",
                    "Wohnsitzauflage",
                    "Fiktionsbescheinigung",
                ),
                "en": (
                    "residence permit",
                    "extend my permit",
                    "visa",
                    "toleration",
                    "Duldung",
                    "foreigners office",
                    "passport",
                    "travel document",
                    "permit card",
                    "settlement permit",
                    "family reunification",
                    "work permit",
                    "residence obligation",
                    "permit expired",
                ),
                "ar": (
                    "إقامة",
                    "الإقامة",
                    "تمديد الإقامة",
                    "تجديد الإقامة",
                    "دولدونغ",
                    "الأوسلندر",
                    "دائرة الأجانب",
                    "جواز سفر",
                    "وثيقة سفر",
                    "كرت الإقامة",
                    "إقامة دائمة",
                    "لم الشمل",
                    "إذن عمل",
                    "الإقامة خلصت",
                    "فكتسيون",
                ),
                "ku": (
                    "îqame",
                    "destûra rûniştinê",
                    "dirêjkirina îqameyê",
                    "îqameya min diqede",
                    "Duldung",
                    "Ausländerbehörde",
                    "fermangeha biyaniyan",
                    "pasaport",
                    "belgeya rêwîtiyê",
                    "karta îqameyê",
                    "rûniştina daîmî",
                    "anîna malbatê",
                    "destûra xebatê",
                    "Fiktionsbescheinigung",
                ),
            },
        ),
        Service(
            id="asylblg",
            names={
                "de": "Leistungen nach dem Asylbewerberleistungsgesetz",
                "en": "Benefits under the Asylum Seekers' Benefits Act",
                "ar": "المساعدات وفق قانون مساعدات طالبي اللجوء",
                "ku": "Alîkarî li gorî Qanûna Alîkariyên Daxwazkarên Penaberiyê",
            },
            descriptions={
                "de": (
                    "Grundleistungen für Ernährung, Unterkunft, Kleidung und den täglichen Bedarf, Leistungen bei "
                    "Krankheit, Schwangerschaft und Geburt sowie Bildungs- und Teilhabeleistungen für Kinder – für "
                    "Asylsuchende, Geduldete und Ausreisepflichtige."
                ),
                "en": (
                    "Basic benefits for food, accommodation, clothing and daily needs, benefits in case of illness, "
                    "pregnancy and birth, and education and participation benefits for children – for asylum seekers, "
                    "people with a Duldung and people obliged to leave."
                ),
                "ar": (
                    "المساعدات الأساسية للطعام والسكن والملابس واحتياجات الحياة اليومية، والمساعدات في حالات المرض "
                    "والحمل والولادة، ومساعدات التعليم والمشاركة للأطفال – لطالبي اللجوء وحاملي الدولدونغ والملزمين "
                    "بالمغادرة."
                ),
                "ku": (
                    "Alîkariyên bingehîn ji bo xwarin, cih, cil û pêdiviyên rojane, alîkarî di nexweşî, ducanîbûn û "
                    "zayînê de, û alîkariyên perwerde û beşdariyê ji bo zarokan – ji bo daxwazkarên penaberiyê, kesên "
                    "bi Duldung û kesên ku divê welat biterikînin."
                ),
            },
            languages=("de", "en", "ar", "ku", "ru"),
            eligibility={
                "de": (
                    "Leistungsberechtigte nach § 1 AsylbLG, die im Burgenlandkreis wohnen oder ihm zugewiesen sind "
                    "und ihren Lebensunterhalt nicht aus eigenem Einkommen oder Vermögen decken können."
                ),
                "en": (
                    "People entitled under section 1 AsylbLG who live in or were allocated to the Burgenlandkreis and "
                    "cannot cover their living costs from their own income or assets."
                ),
                "ar": (
                    "المستحقون وفق المادة 1 من قانون مساعدات طالبي اللجوء، المقيمون في منطقة بورغنلاندكرايس أو "
                    "المحالون إليها، والذين لا يستطيعون تغطية معيشتهم من دخلهم أو أموالهم الخاصة."
                ),
                "ku": (
                    "Kesên ku li gorî xala 1 ya AsylbLG mafdar in, li Burgenlandkreisê dijîn an li vir hatine "
                    "bicihkirin, û nikarin debara xwe bi dahat an malê xwe bikin."
                ),
            },
            required_documents={
                "de": (
                    "Aufenthaltsgestattung, Duldung oder Ankunftsnachweis",
                    "Zuweisungsbescheid",
                    "Kontoauszüge der letzten drei Monate",
                    "Nachweise über Einkommen und Vermögen",
                    "Mietvertrag, falls Sie in einer eigenen Wohnung leben",
                    "Geburtsurkunden der Kinder",
                ),
                "en": (
                    "Aufenthaltsgestattung, Duldung or proof of arrival",
                    "Allocation notice",
                    "Bank statements for the last three months",
                    "Proof of income and assets",
                    "Tenancy agreement if you live in your own flat",
                    "Children's birth certificates",
                ),
                "ar": (
                    "الأوفنتهالتس غيشتاتونغ أو الدولدونغ أو إثبات الوصول",
                    "قرار التوزيع",
                    "كشوف الحساب البنكي لآخر ثلاثة أشهر",
                    "إثباتات الدخل والممتلكات",
                    "عقد الإيجار إذا كنت تسكن في شقة خاصة",
                    "شهادات ميلاد الأطفال",
                ),
                "ku": (
                    "Aufenthaltsgestattung, Duldung an belgeya hatinê",
                    "Biryara veqetandinê (Zuweisung)",
                    "Daxuyaniyên hesabê bankê yên sê mehên dawî",
                    "Belgeyên dahat û malî",
                    "Peymana kirê, heke hûn di xaniyekî xwe de dijîn",
                    "Belgeyên jidayikbûnê yên zarokan",
                ),
            },
            needs_fields=(
                "family_name",
                "given_names",
                "birth_date",
                "address",
                "residence_status",
                "children",
            ),
            keywords={
                "de": (
                    "Geld",
                    "Leistungen",
                    "Sozialamt",
                    "Asylbewerberleistungen",
                    "Taschengeld",
                    "kein Geld bekommen",
                    "Zahlung",
                    "Krankenschein",
                    "Behandlungsschein",
                    "Arzt",
                    "Bildung und Teilhabe",
                    "Klassenfahrt",
                    "Kleidung",
                    "Bescheid",
                    "Bezahlkarte",
                ),
                "en": (
                    "money",
                    "benefits",
                    "social welfare office",
                    "allowance",
                    "pocket money",
                    "payment missing",
                    "no money",
                    "medical voucher",
                    "doctor",
                    "treatment voucher",
                    "school trip",
                    "clothing",
                    "payment card",
                    "benefit notice",
                ),
                "ar": (
                    "فلوس",
                    "مصاري",
                    "مساعدات",
                    "السوسيال",
                    "معونة",
                    "المعاش",
                    "ما وصلني المعاش",
                    "ورقة الطبيب",
                    "كرانكن شاين",
                    "دكتور",
                    "علاج",
                    "رحلة مدرسية",
                    "ملابس",
                    "بطاقة الدفع",
                    "قرار المساعدة",
                ),
                "ku": (
                    "pere",
                    "alîkarî",
                    "Sozialamt",
                    "sosyal",
                    "pereyê mehê",
                    "pere nehatiye",
                    "pereyê min nehat",
                    "Krankenschein",
                    "kaxeza doktor",
                    "doktor",
                    "derman",
                    "gera dibistanê",
                    "cil û berg",
                    "karta dravdanê",
                    "Bezahlkarte",
                ),
            },
        ),
        Service(
            id="unterkunft",
            names={
                "de": "Unterbringung und Wohnen",
                "en": "Accommodation and housing",
                "ar": "الإيواء والسكن",
                "ku": "Bicihkirin û xanî",
            },
            descriptions={
                "de": (
                    "Verwaltung der Gemeinschaftsunterkünfte und der vom Landkreis angemieteten Wohnungen: Zuweisung "
                    "und Umzug, Auszug in eine eigene Wohnung, Hausordnung, Schäden und Mängel, Schlüssel und Fragen "
                    "zu den Unterkunftskosten."
                ),
                "en": (
                    "Management of the shared accommodation centres and the flats rented by the county: allocation "
                    "and moves, moving out into your own flat, house rules, damage and defects, keys and questions "
                    "about accommodation costs."
                ),
                "ar": (
                    "إدارة السكن الجماعي والشقق التي تستأجرها المقاطعة: التوزيع والانتقال، والانتقال إلى شقة خاصة، "
                    "ونظام السكن، والأضرار والأعطال، والمفاتيح، والأسئلة حول تكاليف السكن."
                ),
                "ku": (
                    "Rêvebirina cihên bicihkirinê yên hevpar û xaniyên ku navçe kirê dike: veqetandin û barkirin, "
                    "derketina bo xaniyekî taybet, rêziknameya malê, zirar û kêmasî, mifte û pirsên li ser lêçûnên "
                    "xanî."
                ),
            },
            languages=("de", "en", "ar", "ku", "ru", "uk"),
            eligibility={
                "de": (
                    "Personen, die in einer Gemeinschaftsunterkunft oder einer Wohnung des Landkreises untergebracht "
                    "sind oder eine Unterbringung benötigen."
                ),
                "en": "People housed in a shared accommodation centre or a county flat, or who need accommodation.",
                "ar": "الأشخاص المقيمون في سكن جماعي أو في شقة تابعة للمقاطعة، أو الذين يحتاجون إلى سكن.",
                "ku": "Kesên ku di cihekî hevpar an xaniyekî navçeyê de hatine bicihkirin, an jî hewcedarî cih in.",
            },
            required_documents={
                "de": (
                    "Ausweisdokument (Reisepass, Aufenthaltstitel, Duldung oder Gestattung)",
                    "Zuweisungsbescheid",
                    "Bei Auszug: Wohnungsangebot oder Entwurf des Mietvertrags",
                    "Bei Umzugswunsch: Begründung, z. B. Arbeitsvertrag oder ärztliches Attest",
                ),
                "en": (
                    "Identity document (passport, residence permit, Duldung or Gestattung)",
                    "Allocation notice",
                    "When moving out: flat offer or draft tenancy agreement",
                    "When asking to move: the reason, e.g. employment contract or medical certificate",
                ),
                "ar": (
                    "وثيقة هوية (جواز سفر أو إقامة أو دولدونغ أو غيشتاتونغ)",
                    "قرار التوزيع",
                    "عند الانتقال إلى شقة: عرض الشقة أو مسودة عقد الإيجار",
                    "عند طلب النقل: سبب الطلب، مثل عقد عمل أو تقرير طبي",
                ),
                "ku": (
                    "Belgeya nasnameyê (pasaport, îqame, Duldung an Gestattung)",
                    "Biryara veqetandinê",
                    "Dema derketinê: pêşniyara xanî an pêşnûmeya peymana kirê",
                    "Ji bo daxwaza barkirinê: sedem, wek peymana kar an raporeke doktor",
                ),
            },
            needs_fields=("family_name", "given_names", "address", "municipality", "children"),
            keywords={
                "de": (
                    "Wohnung",
                    "Unterkunft",
                    "Heim",
                    "Gemeinschaftsunterkunft",
                    "Umzug",
                    "umziehen",
                    "eigene Wohnung",
                    "Zimmer",
                    "Mietvertrag",
                    "Miete",
                    "kaputt",
                    "Schimmel",
                    "Heizung",
                    "Schlüssel",
                    "Hausmeister",
                ),
                "en": (
                    "flat",
                    "apartment",
                    "housing",
                    "accommodation",
                    "camp",
                    "shared accommodation",
                    "move",
                    "moving out",
                    "own flat",
                    "room",
                    "rent",
                    "broken",
                    "mould",
                    "heating",
                    "key",
                ),
                "ar": (
                    "سكن",
                    "شقة",
                    "بيت",
                    "الهايم",
                    "الكامب",
                    "السكن الجماعي",
                    "انتقال",
                    "بدي بيت",
                    "غرفة",
                    "إيجار",
                    "عقد إيجار",
                    "عطل",
                    "رطوبة",
                    "تدفئة",
                    "مفتاح",
                ),
                "ku": (
                    "xanî",
                    "apartman",
                    "Heim",
                    "kamp",
                    "cihê hevpar",
                    "barkirin",
                    "bar bikim",
                    "xaniyê xwe",
                    "ode",
                    "kirê",
                    "peymana kirê",
                    "xirab bûye",
                    "şilî",
                    "germkirin",
                    "mifte",
                ),
            },
        ),
        Service(
            id="integrationskoordination",
            names={
                "de": "Integrationskoordination und Integrationskurse",
                "en": "Integration coordination and integration courses",
                "ar": "تنسيق الاندماج ودورات الاندماج",
                "ku": "Koordînasyona entegrasyonê û kursên entegrasyonê",
            },
            descriptions={
                "de": (
                    "Beratung zu Integrationskursen, Berechtigungsschein und Verpflichtung, Orientierung im Alltag im "
                    "Landkreis, Vermittlung an Sprachkursträger, Migrationsberatung, Sportvereine und Ehrenamtliche."
                ),
                "en": (
                    "Advice on integration courses, the eligibility certificate and the obligation to attend, "
                    "orientation in everyday life in the county, referral to language course providers, migration "
                    "counselling, sports clubs and volunteers."
                ),
                "ar": (
                    "استشارة حول دورات الاندماج وورقة الاستحقاق والإلزام بالدورة، والتوجيه في الحياة اليومية في "
                    "المقاطعة، والإحالة إلى مدارس اللغة واستشارات الهجرة والأندية الرياضية والمتطوعين."
                ),
                "ku": (
                    "Şêwirmendî li ser kursên entegrasyonê, belgeya mafdariyê û mecbûriyetê, rêberî di jiyana rojane "
                    "ya navçeyê de, şandin bo dibistanên ziman, şêwirmendiya koçberiyê, klûbên werzişê û dilxwazan."
                ),
            },
            languages=("de", "en", "ar", "ku", "uk"),
            eligibility={
                "de": (
                    "Zugewanderte im Burgenlandkreis, die Deutsch lernen oder sich vor Ort orientieren wollen; die "
                    "Kursberechtigung prüft die Ausländerbehörde."
                ),
                "en": (
                    "Newcomers in the Burgenlandkreis who want to learn German or find their way locally; the "
                    "foreigners' authority checks course eligibility."
                ),
                "ar": (
                    "القادمون الجدد في منطقة بورغنلاندكرايس الذين يريدون تعلم الألمانية أو التعرف على المنطقة؛ وتتحقق "
                    "دائرة الأجانب من استحقاق الدورة."
                ),
                "ku": (
                    "Kesên nû hatine Burgenlandkreisê yên ku dixwazin almanî hîn bibin an rêya xwe li vir bibînin; "
                    "Fermangeha Biyaniyan mafdariya kursê kontrol dike."
                ),
            },
            required_documents={
                "de": (
                    "Reisepass oder Aufenthaltstitel",
                    "Berechtigungsschein oder Verpflichtung zum Integrationskurs, falls vorhanden",
                    "Bisherige Sprachzertifikate (z. B. A1, A2, B1)",
                ),
                "en": (
                    "Passport or residence permit",
                    "Integration course eligibility certificate or obligation, if you have one",
                    "Previous language certificates (e.g. A1, A2, B1)",
                ),
                "ar": (
                    "جواز السفر أو بطاقة الإقامة",
                    "ورقة الاستحقاق أو الإلزام بدورة الاندماج إن وجدت",
                    "شهادات اللغة السابقة (مثل A1 وA2 وB1)",
                ),
                "ku": (
                    "Pasaport an îqame",
                    "Belgeya mafdariyê an mecbûriyeta kursa entegrasyonê, heke hebe",
                    "Sertîfîkayên zimên ên berê (wek A1, A2, B1)",
                ),
            },
            needs_fields=(
                "family_name",
                "given_names",
                "residence_status",
                "languages",
                "integration_course",
            ),
            keywords={
                "de": (
                    "Deutschkurs",
                    "Integrationskurs",
                    "Sprachkurs",
                    "Deutsch lernen",
                    "Berechtigungsschein",
                    "B1",
                    "A2",
                    "Orientierungskurs",
                    "Leben in Deutschland",
                    "Kursplatz",
                    "Verpflichtung",
                    "Verein",
                    "Ehrenamt",
                    "Leute kennenlernen",
                ),
                "en": (
                    "German course",
                    "integration course",
                    "language course",
                    "learn German",
                    "course certificate",
                    "B1",
                    "A2",
                    "orientation course",
                    "Life in Germany test",
                    "course place",
                    "where can I learn German",
                    "clubs",
                    "meet people",
                ),
                "ar": (
                    "كورس ألماني",
                    "دورة لغة",
                    "دورة الاندماج",
                    "كورس اندماج",
                    "تعلم الألمانية",
                    "بدي اتعلم ألماني",
                    "ورقة الكورس",
                    "B1",
                    "A2",
                    "كورس التوجيه",
                    "امتحان الحياة في ألمانيا",
                    "مكان في كورس",
                    "تعرف على ناس",
                ),
                "ku": (
                    "kursa almanî",
                    "kursa zimên",
                    "kursa entegrasyonê",
                    "Integrationskurs",
                    "almanî hîn bibim",
                    "fêrbûna almanî",
                    "belgeya kursê",
                    "B1",
                    "A2",
                    "kursa rêberiyê",
                    "testa Leben in Deutschland",
                    "cih di kursê de",
                    "naskirina mirovan",
                ),
            },
        ),
        Service(
            id="integrationspaedagogik",
            names={
                "de": "Integrationspädagogik für Kinder und Familien",
                "en": "Integration education for children and families",
                "ar": "الدعم التربوي للاندماج للأطفال والعائلات",
                "ku": "Pedagojiya entegrasyonê ji bo zarok û malbatan",
            },
            descriptions={
                "de": (
                    "Integrationspädagoginnen und -pädagogen begleiten Kinder und Jugendliche beim Start in Kita und "
                    "Schule, unterstützen Eltern bei Elterngesprächen, Schulanmeldung, Hausaufgabenhilfe und "
                    "Freizeitangeboten und arbeiten in den Gemeinschaftsunterkünften."
                ),
                "en": (
                    "Integration educators support children and young people when they start nursery or school, help "
                    "parents with parent-teacher meetings, school registration, homework help and leisure activities, "
                    "and work in the shared accommodation centres."
                ),
                "ar": (
                    "يرافق المختصون التربويون في الاندماج الأطفالَ واليافعين عند بدء الروضة أو المدرسة، ويساعدون "
                    "الأهل في لقاءات المعلمين وتسجيل المدرسة والمساعدة في الواجبات والأنشطة الترفيهية، ويعملون في "
                    "مراكز السكن الجماعي."
                ),
                "ku": (
                    "Pedagogên entegrasyonê bi zarok û ciwanan re dimeşin dema ku dest bi baxçeyê zarokan an "
                    "dibistanê dikin, alîkariya dêûbavan dikin di hevdîtinên bi mamosteyan re, qeydkirina dibistanê, "
                    "alîkariya karê malê û çalakiyên demên vala de, û li cihên bicihkirinê yên hevpar dixebitin."
                ),
            },
            languages=("de", "en", "ar", "ku"),
            eligibility={
                "de": "Zugewanderte Familien mit Kindern bis 18 Jahre im Burgenlandkreis.",
                "en": "Families who have moved to the Burgenlandkreis with children up to 18.",
                "ar": "العائلات القادمة إلى منطقة بورغنلاندكرايس مع أطفال حتى سن 18 عامًا.",
                "ku": "Malbatên koçber ên bi zarokên heta 18 salî li Burgenlandkreisê.",
            },
            required_documents={
                "de": (
                    "Geburtsurkunden oder Ausweisdokumente der Kinder",
                    "Schulzeugnisse oder Kita-Unterlagen, falls vorhanden",
                    "Impfausweis des Kindes (für die Kita-Anmeldung)",
                ),
                "en": (
                    "Children's birth certificates or identity documents",
                    "School reports or nursery documents, if any",
                    "Child's vaccination record (for nursery registration)",
                ),
                "ar": (
                    "شهادات ميلاد الأطفال أو وثائق هويتهم",
                    "الشهادات المدرسية أو أوراق الروضة إن وجدت",
                    "دفتر تطعيم الطفل (لتسجيل الروضة)",
                ),
                "ku": (
                    "Belgeyên jidayikbûnê an nasnameyên zarokan",
                    "Karneyên dibistanê an belgeyên baxçeyê zarokan, heke hebin",
                    "Qerta derziyan a zarokî (ji bo qeydkirina baxçeyê zarokan)",
                ),
            },
            needs_fields=("family_name", "given_names", "address"),
            keywords={
                "de": (
                    "Kita",
                    "Kindergarten",
                    "Schule",
                    "Schulanmeldung",
                    "Kind",
                    "Kinder",
                    "Hausaufgaben",
                    "Lehrer",
                    "Elterngespräch",
                    "Probleme in der Schule",
                    "Nachhilfe",
                    "Ferien",
                    "Freizeit für Kinder",
                ),
                "en": (
                    "nursery",
                    "kindergarten",
                    "daycare",
                    "school",
                    "school registration",
                    "child",
                    "children",
                    "homework",
                    "teacher",
                    "parents' evening",
                    "problems at school",
                    "tutoring",
                    "holidays",
                ),
                "ar": (
                    "روضة",
                    "كيتا",
                    "حضانة",
                    "مدرسة",
                    "تسجيل المدرسة",
                    "طفل",
                    "أولاد",
                    "ولادي",
                    "واجبات",
                    "الأستاذ",
                    "المعلمة",
                    "مشاكل بالمدرسة",
                    "دروس تقوية",
                    "العطلة",
                ),
                "ku": (
                    "Kita",
                    "baxçeyê zarokan",
                    "dibistan",
                    "qeydkirina dibistanê",
                    "zarok",
                    "zarokên min",
                    "karê malê",
                    "mamoste",
                    "hevdîtina dêûbavan",
                    "pirsgirêk li dibistanê",
                    "dersa zêde",
                    "betlane",
                ),
            },
        ),
    )


def declaration() -> Partner:
    return Partner(
        id="iaa",
        kind=PartnerKind.INTERNAL,
        names={
            "de": "Integrations- und Ausländeramt Burgenlandkreis",
            "en": "Integration and Foreigners' Office, Burgenlandkreis",
            "ar": "دائرة الاندماج وشؤون الأجانب في منطقة بورغنلاندكرايس",
            "ku": "Daîreya Entegrasyon û Karûbarên Biyaniyan a Burgenlandkreisê",
        },
        descriptions={
            "de": (
                "Die Anlaufstelle des Landkreises für Zugewanderte: Ausländerbehörde, Leistungen nach dem "
                "Asylbewerberleistungsgesetz, Unterbringung, Integrationskoordination und Integrationspädagogik unter "
                "einem Dach. Am Empfang klären wir Ihr Anliegen und vermitteln Sie an die richtige Stelle – auf "
                "Wunsch mit Sprachmittlung."
            ),
            "en": (
                "The county's first point of contact for newcomers: the foreigners' authority, benefits under the "
                "Asylum Seekers' Benefits Act, accommodation, integration coordination and integration education "
                "under one roof. At reception we clarify your concern and refer you to the right place – with an "
                "interpreter if you wish."
            ),
            "ar": (
                "نقطة الاتصال الأولى في المقاطعة للقادمين الجدد: دائرة الأجانب، والمساعدات وفق قانون مساعدات طالبي "
                "اللجوء، والسكن، وتنسيق الاندماج، والدعم التربوي للاندماج، كلها تحت سقف واحد. في الاستقبال نستوضح "
                "طلبك ونحيلك إلى الجهة المختصة، مع مترجم إذا رغبت."
            ),
            "ku": (
                "Cihê pêşîn ê navçeyê ji bo kesên nû hatine: Fermangeha Biyaniyan, alîkariyên li gorî Qanûna "
                "Alîkariyên Daxwazkarên Penaberiyê, bicihkirin, koordînasyona entegrasyonê û pedagojiya entegrasyonê "
                "di bin yek banî de. Li pêşwaziyê em daxwaza we zelal dikin û we dişînin cihê rast – heke hûn "
                "bixwazin, bi wergêr."
            ),
        },
        contact=Contact(
            email="integration@burgenlandkreis.example",
            phone="03445 0000-100",
            website="https://www.burgenlandkreis.example/integration",
        ),
        locations=(
            Location(
                name="Integrations- und Ausländeramt, Hauptsitz",
                address="Schönburger Straße 141, 06618 Naumburg (Saale)",
                rooms=("E.01", "E.12", "E.14", "1.05", "1.07", "2.11"),
            ),
            Location(
                name="Außenstelle Zeitz",
                address="Schützenplatz 99, 06712 Zeitz",
                rooms=("E.03", "E.04"),
            ),
        ),
        opening_hours=(
            OpeningHours(weekday=0, opens="08:00", closes="12:00"),
            OpeningHours(weekday=1, opens="08:00", closes="12:00"),
            OpeningHours(weekday=1, opens="13:00", closes="18:00"),
            OpeningHours(weekday=3, opens="08:00", closes="12:00"),
            OpeningHours(weekday=3, opens="13:00", closes="15:30"),
            OpeningHours(weekday=4, opens="08:00", closes="12:00"),
        ),
        services=_services(),
        grants=_field_grants(),
    )

"""The declaration of the Jobcenter Burgenlandkreis (SGB II)."""

from __future__ import annotations

from core import Contact, FieldGrant, Location, OpeningHours, Partner, PartnerKind, Service

_AZRG = "AZRG §18b"
_INTEGRATION_PURPOSE = "Integrationsmaßnahmen und Arbeits- und Ausbildungsvermittlung (AZRG §3 Abs. 3)."


def _grants(fields: tuple[str, ...], purpose: str, *, write: bool = False) -> list[FieldGrant]:
    """AZRG grants: they never apply to EU citizens with free movement, who must consent instead."""
    return [
        FieldGrant(field=field, purpose=purpose, basis=_AZRG, write=write, excludes_free_movement=True)
        for field in fields
    ]


def _field_grants() -> tuple[FieldGrant, ...]:
    return (
        *_grants(
            ("family_name", "given_names", "birth_date", "birth_place", "gender", "nationality"),
            "Identitätsprüfung bei Antrag und Bewilligung von Leistungen nach dem SGB II.",
        ),
        *_grants(
            ("address", "phone", "email", "municipality"),
            "Erreichbarkeit, örtliche Zuständigkeit und Kosten der Unterkunft im SGB II.",
        ),
        *_grants(
            ("residence_status", "permit_valid_until", "arrival_date", "work_permission"),
            "Prüfung von Leistungsanspruch, Leistungsausschlüssen und Erlaubnis zur Erwerbstätigkeit im SGB II.",
        ),
        *_grants(
            ("marital_status", "children"),
            "Ermittlung der Bedarfsgemeinschaft für Leistungen nach dem SGB II.",
        ),
        *_grants(("school_education", "vocational_qualifications"), _INTEGRATION_PURPOSE, write=True),
        *_grants(("work_experience", "desired_occupation"), _INTEGRATION_PURPOSE, write=True),
        *_grants(("mother_tongue",), _INTEGRATION_PURPOSE),
        *_grants(("languages", "integration_course"), _INTEGRATION_PURPOSE, write=True),
    )


def _services() -> tuple[Service, ...]:
    return (
        Service(
            id="buergergeld",
            names={
                "de": "Bürgergeld (Leistungen nach dem SGB II)",
                "en": "Citizen's benefit (Bürgergeld, SGB II)",
                "ar": "مساعدة المواطن (بورغرغيلد، SGB II)",
                "ku": "Bürgergeld (alîkariya SGB II)",
            },
            descriptions={
                "de": (
                    "Antrag, Weiterbewilligung und Änderungen beim Bürgergeld: Regelbedarf, Kosten der Unterkunft und "
                    "Heizung, Mehrbedarfe, Leistungen für Bildung und Teilhabe, Erstausstattung der Wohnung. Auch der "
                    "Wechsel aus dem AsylbLG nach der Anerkennung."
                ),
                "en": (
                    "Applications, renewals and changes for citizen's benefit: standard allowance, rent and heating "
                    "costs, additional needs, education and participation benefits, initial furnishing of a flat. "
                    "Also the switch from AsylbLG benefits after recognition."
                ),
                "ar": (
                    "تقديم طلب مساعدة المواطن وتمديدها وتعديلها: المبلغ الأساسي، وتكاليف السكن والتدفئة، والاحتياجات "
                    "الإضافية، ومساعدات التعليم والمشاركة، والتجهيز الأول للشقة. وكذلك الانتقال من مساعدات طالبي "
                    "اللجوء بعد الاعتراف."
                ),
                "ku": (
                    "Serlêdan, dirêjkirin û guhertinên Bürgergeld: alîkariya bingehîn, lêçûnên kirê û germkirinê, "
                    "pêdiviyên zêde, alîkariyên perwerde û beşdariyê, amadekirina yekem a xanî. Her wiha derbasbûna "
                    "ji AsylbLG piştî naskirina penaberiyê."
                ),
            },
            languages=("de", "en", "ar", "ru", "uk"),
            eligibility={
                "de": (
                    "Erwerbsfähige Personen ab 15 Jahren bis zur Regelaltersgrenze mit gewöhnlichem Aufenthalt im "
                    "Burgenlandkreis, die hilfebedürftig sind, und ihre Bedarfsgemeinschaft; ausgeschlossen sind "
                    "unter anderem Leistungsberechtigte nach dem AsylbLG."
                ),
                "en": (
                    "People aged 15 up to retirement age who are able to work, normally live in the Burgenlandkreis "
                    "and are in need, and their household; people entitled under the AsylbLG, among others, are "
                    "excluded."
                ),
                "ar": (
                    "الأشخاص القادرون على العمل من عمر 15 عامًا حتى سن التقاعد، المقيمون عادةً في منطقة "
                    "بورغنلاندكرايس والمحتاجون إلى المساعدة، وأفراد أسرتهم المعيشية؛ ويُستثنى منها، من بين آخرين، "
                    "المستحقون لمساعدات قانون مساعدات طالبي اللجوء."
                ),
                "ku": (
                    "Kesên ji 15 salî heta temenê teqawidiyê yên ku dikarin bixebitin, bi awayekî asayî li "
                    "Burgenlandkreisê dijîn û hewcedarî alîkariyê ne, û malbata wan; di nav yên din de kesên mafdarê "
                    "AsylbLG ne tê de nînin."
                ),
            },
            required_documents={
                "de": (
                    "Personalausweis oder Reisepass mit Aufenthaltstitel",
                    "Anerkennungsbescheid des BAMF oder Fiktionsbescheinigung",
                    "Mietvertrag und aktuelle Nebenkostenabrechnung",
                    "Kontoauszüge der letzten drei Monate",
                    "Einkommensnachweise (Lohnabrechnungen, Kindergeldbescheid)",
                    "Nachweis der Krankenversicherung",
                    "Steuer-Identifikationsnummer",
                ),
                "en": (
                    "Identity card or passport with residence permit",
                    "BAMF recognition notice or Fiktionsbescheinigung",
                    "Tenancy agreement and latest service charge statement",
                    "Bank statements for the last three months",
                    "Proof of income (payslips, child benefit notice)",
                    "Proof of health insurance",
                    "Tax identification number",
                ),
                "ar": (
                    "بطاقة الهوية أو جواز السفر مع الإقامة",
                    "قرار الاعتراف من المكتب الاتحادي للهجرة واللاجئين (BAMF) أو الفكتسيون",
                    "عقد الإيجار وآخر فاتورة للمصاريف الإضافية",
                    "كشوف الحساب البنكي لآخر ثلاثة أشهر",
                    "إثباتات الدخل (قسائم الراتب، قرار مخصصات الأطفال)",
                    "إثبات التأمين الصحي",
                    "الرقم الضريبي",
                ),
                "ku": (
                    "Nasname an pasaport bi îqameyê re",
                    "Biryara naskirinê ya BAMF an Fiktionsbescheinigung",
                    "Peymana kirê û hesabê dawî yê lêçûnên din (Nebenkosten)",
                    "Daxuyaniyên hesabê bankê yên sê mehên dawî",
                    "Belgeyên dahatê (bordroyên meaşê, biryara Kindergeld)",
                    "Belgeya sîgorteya tenduristiyê",
                    "Hejmara nasnameya bacê (Steuer-ID)",
                ),
            },
            needs_fields=(
                "family_name",
                "given_names",
                "birth_date",
                "address",
                "residence_status",
                "marital_status",
                "children",
            ),
            keywords={
                "de": (
                    "Bürgergeld",
                    "Hartz IV",
                    "Geld",
                    "Antrag",
                    "Weiterbewilligungsantrag",
                    "Miete",
                    "Heizkosten",
                    "Nebenkosten",
                    "Bescheid",
                    "Jobcenter",
                    "Anerkennung",
                    "Wechsel vom Sozialamt",
                    "Erstausstattung",
                    "Möbel",
                    "Mehrbedarf",
                ),
                "en": (
                    "citizen's benefit",
                    "Bürgergeld",
                    "benefits",
                    "money",
                    "application",
                    "renewal",
                    "rent",
                    "heating costs",
                    "notice",
                    "jobcentre",
                    "refugee status granted",
                    "furniture",
                    "initial furnishing",
                    "unemployment benefit",
                ),
                "ar": (
                    "بورغرغيلد",
                    "الجوب سنتر",
                    "الجوب سنتر ما دفع",
                    "مساعدات",
                    "معاش",
                    "فلوس",
                    "طلب",
                    "تمديد",
                    "إيجار",
                    "التدفئة",
                    "قرار",
                    "أخذت الإقامة",
                    "عفش",
                    "أثاث",
                    "انتقلت من السوسيال",
                ),
                "ku": (
                    "Bürgergeld",
                    "Jobcenter",
                    "alîkarî",
                    "pere",
                    "pereyê Jobcenter",
                    "serlêdan",
                    "dirêjkirin",
                    "kirê",
                    "germkirin",
                    "biryar",
                    "min îqame girt",
                    "mobîlya",
                    "tiştên malê",
                    "ji Sozialamt derbasî Jobcenter",
                ),
            },
        ),
        Service(
            id="arbeitsvermittlung",
            names={
                "de": "Arbeitsvermittlung",
                "en": "Job placement",
                "ar": "التوسط في العمل",
                "ku": "Peydakirina kar",
            },
            descriptions={
                "de": (
                    "Ihre persönliche Vermittlungsfachkraft erarbeitet mit Ihnen ein Profil und einen "
                    "Kooperationsplan, schlägt passende Stellen vor, hilft bei Bewerbungen und vermittelt in Arbeit, "
                    "Minijob, Praktikum oder Ausbildung."
                ),
                "en": (
                    "Your personal placement officer works out a profile and a cooperation plan with you, suggests "
                    "suitable vacancies, helps with applications and places you in work, a mini-job, an internship or "
                    "an apprenticeship."
                ),
                "ar": (
                    "يُعدّ معك موظف التوسط الشخصي ملفًا مهنيًا وخطة تعاون، ويقترح وظائف مناسبة، ويساعدك في طلبات "
                    "التوظيف، ويتوسط لك في عمل أو عمل صغير (ميني جوب) أو تدريب عملي أو تدريب مهني."
                ),
                "ku": (
                    "Karmendê we yê peydakirina kar bi we re profîlek û plana hevkariyê amade dike, karên guncav "
                    "pêşniyar dike, di serlêdanên kar de alîkarî dike û we dişîne kar, minijob, praktîk an "
                    "Ausbildungê."
                ),
            },
            languages=("de", "en", "ar", "uk"),
            eligibility={
                "de": (
                    "Personen, die Bürgergeld beziehen, und ihre erwerbsfähigen Angehörigen in der "
                    "Bedarfsgemeinschaft mit Erlaubnis zur Erwerbstätigkeit."
                ),
                "en": (
                    "People receiving citizen's benefit and the members of their household who are able to work and "
                    "allowed to work."
                ),
                "ar": "المستفيدون من مساعدة المواطن وأفراد أسرتهم المعيشية القادرون على العمل والمسموح لهم بالعمل.",
                "ku": (
                    "Kesên ku Bürgergeld digirin û endamên malbata wan ên ku dikarin bixebitin û destûra wan a xebatê "
                    "heye."
                ),
            },
            required_documents={
                "de": (
                    "Lebenslauf",
                    "Schul- und Arbeitszeugnisse, möglichst mit Übersetzung",
                    "Nachweise über Sprachkurse und Sprachzertifikate",
                    "Aufenthaltstitel mit Nebenbestimmung zur Erwerbstätigkeit",
                ),
                "en": (
                    "CV",
                    "School reports and work references, translated if possible",
                    "Proof of language courses and language certificates",
                    "Residence permit with the note on employment",
                ),
                "ar": (
                    "السيرة الذاتية",
                    "الشهادات المدرسية وشهادات الخبرة، مترجمة إن أمكن",
                    "إثباتات دورات اللغة وشهادات اللغة",
                    "الإقامة مع ملاحظة السماح بالعمل",
                ),
                "ku": (
                    "CV (jiyannameya kurt)",
                    "Karneyên dibistanê û belgeyên kar, heke mimkun be wergerandî",
                    "Belgeyên kursên zimên û sertîfîkayên zimên",
                    "Îqame bi nîşeya destûra xebatê",
                ),
            },
            needs_fields=(
                "family_name",
                "given_names",
                "phone",
                "work_permission",
                "languages",
                "vocational_qualifications",
                "work_experience",
                "desired_occupation",
            ),
            keywords={
                "de": (
                    "Arbeit",
                    "Job",
                    "Arbeit suchen",
                    "Stelle",
                    "Bewerbung",
                    "Lebenslauf",
                    "Minijob",
                    "Vollzeit",
                    "Teilzeit",
                    "Praktikum",
                    "Ausbildung",
                    "Arbeitgeber",
                    "Vorstellungsgespräch",
                    "Arbeitsvermittler",
                    "Jobangebot",
                ),
                "en": (
                    "work",
                    "job",
                    "looking for work",
                    "find a job",
                    "vacancy",
                    "application",
                    "CV",
                    "mini-job",
                    "full-time",
                    "part-time",
                    "internship",
                    "apprenticeship",
                    "employer",
                    "job interview",
                ),
                "ar": (
                    "عمل",
                    "شغل",
                    "وظيفة",
                    "بدي اشتغل",
                    "بحث عن عمل",
                    "دوّر على شغل",
                    "طلب توظيف",
                    "سيرة ذاتية",
                    "ميني جوب",
                    "دوام كامل",
                    "دوام جزئي",
                    "تدريب عملي",
                    "أوسبيلدونغ",
                    "مقابلة عمل",
                    "صاحب العمل",
                ),
                "ku": (
                    "kar",
                    "xebat",
                    "li kar digerim",
                    "karekî dixwazim",
                    "dixwazim bixebitim",
                    "serlêdana kar",
                    "CV",
                    "minijob",
                    "tam-dem",
                    "nîv-dem",
                    "praktîk",
                    "Ausbildung",
                    "hevdîtina kar",
                    "xwediyê kar",
                ),
            },
        ),
        Service(
            id="eingliederung",
            names={
                "de": "Eingliederung in Arbeit: Förderung und Qualifizierung",
                "en": "Integration into work: support and training",
                "ar": "الاندماج في سوق العمل: الدعم والتأهيل",
                "ku": "Tevlêbûna kar: piştgirî û perwerdekirin",
            },
            descriptions={
                "de": (
                    "Förderung über Bildungsgutschein, Weiterbildung und Umschulung, Berufssprachkurse, Maßnahmen zur "
                    "Aktivierung, Eingliederungszuschuss für Arbeitgeber, Einstiegsgeld, Coaching und den Job-Turbo "
                    "für Geflüchtete; Hilfe, wenn Kinderbetreuung oder Schulden die Arbeitsaufnahme erschweren."
                ),
                "en": (
                    "Funding through education vouchers, further training and retraining, job-related German courses, "
                    "activation measures, wage subsidies for employers, start-up allowance, coaching and the "
                    "Job-Turbo for refugees; help when childcare or debts stand in the way of work."
                ),
                "ar": (
                    "الدعم عبر قسيمة التعليم، والتدريب المستمر وإعادة التأهيل المهني، ودورات اللغة المهنية، وإجراءات "
                    "التنشيط، ودعم الأجور لأصحاب العمل، ومال البدء، والتدريب الشخصي (كوتشينغ)، وبرنامج «جوب توربو» "
                    "للاجئين؛ ومساعدة عندما تعيق رعاية الأطفال أو الديون بدء العمل."
                ),
                "ku": (
                    "Piştgirî bi kûpona perwerdeyê (Bildungsgutschein), perwerdeya zêde û guhertina pîşeyê, kursên "
                    "zimên ên pîşeyî, tedbîrên aktîvkirinê, alîkariya meaşê ji bo karsazan, pereyê destpêkê, koçîng û "
                    "Job-Turbo ji bo penaberan; alîkarî dema ku lênêrîna zarokan an deyn rê li ber kar digirin."
                ),
            },
            languages=("de", "en", "ar"),
            eligibility={
                "de": (
                    "Erwerbsfähige Leistungsberechtigte im Bürgergeld; die Förderung wird im Kooperationsplan "
                    "vereinbart."
                ),
                "en": "People able to work who receive citizen's benefit; support is agreed in the cooperation plan.",
                "ar": "المستفيدون القادرون على العمل من مساعدة المواطن؛ ويتم الاتفاق على الدعم في خطة التعاون.",
                "ku": "Kesên ku dikarin bixebitin û Bürgergeld digirin; piştgirî di plana hevkariyê de tê lihevkirin.",
            },
            required_documents={
                "de": (
                    "Lebenslauf",
                    "Zeugnisse und Nachweise über Berufsabschlüsse",
                    "Sprachzertifikate und Abschlussbescheinigung des Integrationskurses",
                    "Angebot des Bildungsträgers oder Stellenangebot des Arbeitgebers",
                ),
                "en": (
                    "CV",
                    "Certificates and proof of vocational qualifications",
                    "Language certificates and integration course certificate",
                    "Offer from the training provider or job offer from the employer",
                ),
                "ar": (
                    "السيرة الذاتية",
                    "الشهادات وإثباتات المؤهلات المهنية",
                    "شهادات اللغة وشهادة إنهاء دورة الاندماج",
                    "عرض الجهة التدريبية أو عرض العمل من صاحب العمل",
                ),
                "ku": (
                    "CV",
                    "Bawername û belgeyên jêhatîbûna pîşeyî",
                    "Sertîfîkayên zimên û belgeya kursa entegrasyonê",
                    "Pêşniyara saziya perwerdeyê an pêşniyara kar ji karsaz",
                ),
            },
            needs_fields=(
                "family_name",
                "given_names",
                "languages",
                "integration_course",
                "school_education",
                "vocational_qualifications",
                "desired_occupation",
            ),
            keywords={
                "de": (
                    "Weiterbildung",
                    "Umschulung",
                    "Bildungsgutschein",
                    "Berufssprachkurs",
                    "B2-Kurs",
                    "Qualifizierung",
                    "Führerschein",
                    "Förderung",
                    "Kurs",
                    "Coaching",
                    "Job-Turbo",
                    "Kinderbetreuung",
                    "Maßnahme",
                    "Eingliederungszuschuss",
                ),
                "en": (
                    "further training",
                    "retraining",
                    "education voucher",
                    "job-related German course",
                    "B2 course",
                    "qualification",
                    "driving licence",
                    "funding",
                    "course",
                    "coaching",
                    "Job-Turbo",
                    "childcare",
                    "training programme",
                ),
                "ar": (
                    "تدريب",
                    "إعادة تأهيل",
                    "أومشولونغ",
                    "قسيمة تعليم",
                    "بيلدونغس غوتشاين",
                    "كورس لغة مهني",
                    "كورس B2",
                    "شهادة سواقة",
                    "رخصة قيادة",
                    "دعم",
                    "كورس",
                    "جوب توربو",
                    "رعاية الأطفال",
                    "دورة مهنية",
                ),
                "ku": (
                    "perwerdeya zêde",
                    "Umschulung",
                    "guhertina pîşeyê",
                    "Bildungsgutschein",
                    "kursa zimên a pîşeyî",
                    "kursa B2",
                    "ehliyet",
                    "ehliyeta ajotinê",
                    "piştgirî",
                    "kurs",
                    "Job-Turbo",
                    "lênêrîna zarokan",
                    "Maßnahme",
                ),
            },
        ),
    )


def declaration() -> Partner:
    return Partner(
        id="jobcenter",
        kind=PartnerKind.INTERNAL,
        names={
            "de": "Jobcenter Burgenlandkreis",
            "en": "Jobcentre Burgenlandkreis",
            "ar": "مركز العمل (جوب سنتر) في منطقة بورغنلاندكرايس",
            "ku": "Jobcenter a Burgenlandkreisê",
        },
        descriptions={
            "de": (
                "Das Jobcenter sichert den Lebensunterhalt erwerbsfähiger Leistungsberechtigter und ihrer Familien "
                "mit Bürgergeld nach dem SGB II und unterstützt sie bei der Aufnahme von Arbeit oder Ausbildung."
            ),
            "en": (
                "The jobcentre secures the livelihood of people able to work and their families with citizen's "
                "benefit (Bürgergeld) under SGB II and helps them take up work or training."
            ),
            "ar": (
                "يؤمّن الجوب سنتر معيشة القادرين على العمل وعائلاتهم من خلال مساعدة المواطن (بورغرغيلد) وفق الكتاب "
                "الثاني من قانون الضمان الاجتماعي، ويساعدهم على بدء عمل أو تدريب مهني."
            ),
            "ku": (
                "Jobcenter debara kesên ku dikarin bixebitin û malbatên wan bi Bürgergeld li gorî SGB II misoger dike "
                "û alîkariya wan dike ku dest bi kar an Ausbildungê bikin."
            ),
        },
        contact=Contact(
            email="jobcenter@burgenlandkreis.example",
            phone="03445 0000-200",
            website="https://www.jobcenter-burgenlandkreis.example",
        ),
        locations=(
            Location(
                name="Jobcenter Burgenlandkreis, Standort Naumburg",
                address="Weißenfelser Straße 198, 06618 Naumburg (Saale)",
                rooms=("E.02", "E.12", "1.14", "1.16", "2.03"),
            ),
            Location(
                name="Jobcenter Burgenlandkreis, Standort Weißenfels",
                address="Promenade 299, 06667 Weißenfels",
                rooms=("E.05", "1.21"),
            ),
        ),
        opening_hours=(
            OpeningHours(weekday=0, opens="08:00", closes="12:00"),
            OpeningHours(weekday=1, opens="08:00", closes="12:00"),
            OpeningHours(weekday=2, opens="08:00", closes="12:00"),
            OpeningHours(weekday=3, opens="08:00", closes="12:00"),
            OpeningHours(weekday=3, opens="14:00", closes="18:00"),
            OpeningHours(weekday=4, opens="08:00", closes="12:00"),
        ),
        services=_services(),
        grants=_field_grants(),
    )

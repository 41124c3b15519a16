"""The declaration of the Kreissportbund Burgenlandkreis e. V."""

from __future__ import annotations

from core import CONSENT, Contact, FieldGrant, Location, OpeningHours, Partner, PartnerKind, Service


def _consent(field: str, purpose: str, *, write: bool = False) -> FieldGrant:
    """The Kreissportbund appears in no statute: every field it sees needs the person's consent."""
    return FieldGrant(field=field, purpose=purpose, basis=CONSENT, write=write)


def _field_grants() -> tuple[FieldGrant, ...]:
    placement = "Vermittlung in einen Sportverein und Kontaktaufnahme durch den Kreissportbund."
    return (
        _consent("given_names", placement),
        _consent("family_name", placement),
        _consent("birth_date", "Zuordnung zu Alters- und Jugendgruppen im Vereinssport."),
        _consent("municipality", "Suche eines Sportvereins in Wohnortnähe."),
        _consent("phone", placement),
        _consent("email", placement),
        _consent("sport_interests", "Auswahl passender Sportarten, Kurse und Vereine."),
        _consent("sportbund.club", "Dokumentation der Vereinsvermittlung durch den Kreissportbund.", write=True),
    )


def _services() -> tuple[Service, ...]:
    return (
        Service(
            id="vereinsvermittlung",
            names={
                "de": "Vermittlung in Sportvereine",
                "en": "Finding a sports club",
                "ar": "إيجاد نادٍ رياضي",
                "ku": "Dîtina klûbeke werzişê",
            },
            descriptions={
                "de": (
                    "Wir suchen einen Verein in Ihrer Nähe (Fußball, Schwimmen, Kampfsport, Volleyball, Laufen und "
                    "mehr), begleiten Sie zum ersten Training und helfen bei Aufnahmeantrag, Beitragsermäßigung und "
                    "Zuschüssen aus dem Bildungs- und Teilhabepaket."
                ),
                "en": (
                    "We look for a club near you (football, swimming, martial arts, volleyball, running and more), "
                    "come along to your first training session and help with the membership form, reduced fees and "
                    "grants from the education and participation package."
                ),
                "ar": (
                    "نبحث لك عن نادٍ قريب منك (كرة القدم، السباحة، الفنون القتالية، الكرة الطائرة، الجري وغيرها)، "
                    "ونرافقك إلى أول تدريب، ونساعدك في طلب العضوية وتخفيض الاشتراك والدعم من حزمة التعليم والمشاركة."
                ),
                "ku": (
                    "Em li nêzî we li klûbekê digerin (futbol, avjenî, werzişên şer, voleybol, bazdan û yên din), bi "
                    "we re diçin perwerdeya yekem û di forma endamtiyê, kêmkirina aîdatê û piştgiriya ji pakêta "
                    "perwerde û beşdariyê de alîkarî dikin."
                ),
            },
            languages=("de", "en", "ar"),
            eligibility={
                "de": "Alle Menschen jeden Alters im Burgenlandkreis; die Vermittlung ist kostenlos.",
                "en": "Everyone of any age in the Burgenlandkreis; the service is free.",
                "ar": "جميع الأشخاص من كل الأعمار في منطقة بورغنلاندكرايس؛ والخدمة مجانية.",
                "ku": "Hemû kes ji her temenî li Burgenlandkreisê; xizmet belaş e.",
            },
            required_documents={
                "de": (
                    (
                        "Für eine Beitragsermäßigung: Leistungsbescheid (Bürgergeld, AsylbLG, Wohngeld oder "
                        "Kinderzuschlag)"
                    ),
                    "Für Wettkämpfe: Passfoto und Ausweisdokument für den Spielerpass",
                    "Ärztliche Bescheinigung der Sporttauglichkeit, wenn der Verein sie verlangt",
                ),
                "en": (
                    "For reduced fees: benefit notice (Bürgergeld, AsylbLG, housing benefit or child supplement)",
                    "For competitions: passport photo and identity document for the player's licence",
                    "Doctor's certificate of fitness for sport if the club asks for it",
                ),
                "ar": (
                    "لتخفيض الاشتراك: قرار المساعدة (بورغرغيلد، مساعدات طالبي اللجوء، إعانة السكن أو علاوة الأطفال)",
                    "للمباريات: صورة شخصية ووثيقة هوية لبطاقة اللاعب",
                    "شهادة طبية باللياقة الرياضية إذا طلبها النادي",
                ),
                "ku": (
                    "Ji bo kêmkirina aîdatê: biryara alîkariyê (Bürgergeld, AsylbLG, Wohngeld an Kinderzuschlag)",
                    "Ji bo pêşbirkan: wêneyek û belgeya nasnameyê ji bo karta lîstikvan",
                    "Belgeya doktor ku hûn dikarin werziş bikin, heke klûb bixwaze",
                ),
            },
            needs_fields=(
                "given_names",
                "family_name",
                "birth_date",
                "municipality",
                "phone",
                "sport_interests",
            ),
            keywords={
                "de": (
                    "Sport",
                    "Verein",
                    "Sportverein",
                    "Fußball",
                    "Schwimmen",
                    "Boxen",
                    "Kampfsport",
                    "Volleyball",
                    "Basketball",
                    "Laufen",
                    "Fitness",
                    "Training",
                    "Mitglied werden",
                    "Tischtennis",
                    "Freizeit",
                ),
                "en": (
                    "sport",
                    "club",
                    "sports club",
                    "football",
                    "soccer",
                    "swimming",
                    "boxing",
                    "martial arts",
                    "volleyball",
                    "basketball",
                    "running",
                    "fitness",
                    "training",
                    "join a club",
                    "free time",
                ),
                "ar": (
                    "رياضة",
                    "نادي",
                    "نادي رياضي",
                    "كرة قدم",
                    "فوتبول",
                    "سباحة",
                    "ملاكمة",
                    "كاراتيه",
                    "فنون قتالية",
                    "كرة طائرة",
                    "كرة سلة",
                    "جري",
                    "تمارين",
                    "تدريب",
                    "بدي العب رياضة",
                ),
                "ku": (
                    "werziş",
                    "spor",
                    "klûb",
                    "klûba werzişê",
                    "futbol",
                    "gog",
                    "avjenî",
                    "boks",
                    "werzişa şer",
                    "voleybol",
                    "basketbol",
                    "bazdan",
                    "fitness",
                    "perwerdeya werzişê",
                    "dixwazim werziş bikim",
                ),
            },
        ),
        Service(
            id="maedchen_frauen",
            names={
                "de": "Sport für Mädchen und Frauen",
                "en": "Sport for girls and women",
                "ar": "الرياضة للفتيات والنساء",
                "ku": "Werziş ji bo keç û jinan",
            },
            descriptions={
                "de": (
                    "Geschützte Kurse nur für Frauen und Mädchen mit Trainerinnen: Schwimmkurse, Fitness, "
                    "Selbstbehauptung, Radfahren lernen und Tanz, auf Wunsch mit Kinderbetreuung."
                ),
                "en": (
                    "Women-only courses for women and girls with female coaches: swimming lessons, fitness, "
                    "self-defence, learning to ride a bike and dance, with childcare on request."
                ),
                "ar": (
                    "دورات محمية للنساء والفتيات فقط مع مدربات: تعليم السباحة، واللياقة البدنية، والدفاع عن النفس، "
                    "وتعلم ركوب الدراجة، والرقص، مع رعاية للأطفال عند الطلب."
                ),
                "ku": (
                    "Kursên taybet tenê ji bo jin û keçan bi rahênerên jin: fêrbûna avjeniyê, fitness, xweparastin, "
                    "fêrbûna siwarbûna duçerxeyê û dans, li gorî daxwazê bi lênêrîna zarokan."
                ),
            },
            languages=("de", "en", "ar"),
            eligibility={
                "de": "Mädchen ab 6 Jahren und Frauen im Burgenlandkreis; Einsteigerkurse sind kostenlos.",
                "en": "Girls from age 6 and women in the Burgenlandkreis; beginners' courses are free.",
                "ar": "الفتيات من عمر 6 سنوات والنساء في منطقة بورغنلاندكرايس؛ ودورات المبتدئات مجانية.",
                "ku": "Keçên ji 6 salî û mezintir û jin li Burgenlandkreisê; kursên destpêkê belaş in.",
            },
            required_documents={
                "de": (
                    "Anmeldeformular des Kurses (erhalten Sie bei uns)",
                    "Bei Minderjährigen: Einverständnis der Eltern oder des Vormunds",
                ),
                "en": (
                    "Course registration form (available from us)",
                    "For minors: consent of the parents or guardian",
                ),
                "ar": ("استمارة التسجيل في الدورة (متوفرة لدينا)", "للقاصرات: موافقة الأهل أو الوصي"),
                "ku": (
                    "Forma qeydkirina kursê (ji me tê wergirtin)",
                    "Ji bo keçên biçûk: razîbûna dêûbavan an serpereşt",
                ),
            },
            needs_fields=("given_names", "family_name", "birth_date", "phone", "sport_interests"),
            keywords={
                "de": (
                    "Frauensport",
                    "Mädchen",
                    "nur Frauen",
                    "Frauen",
                    "Schwimmkurs für Frauen",
                    "Schwimmen lernen",
                    "Burkini",
                    "Fitness für Frauen",
                    "Selbstverteidigung",
                    "Radfahren lernen",
                    "Fahrrad",
                    "Tanzen",
                    "Trainerin",
                    "Kinderbetreuung",
                ),
                "en": (
                    "women's sport",
                    "girls",
                    "women only",
                    "women",
                    "ladies",
                    "swimming for women",
                    "learn to swim",
                    "burkini",
                    "fitness for women",
                    "self-defence",
                    "learn to ride a bike",
                    "bicycle",
                    "dance",
                    "female coach",
                ),
                "ar": (
                    "رياضة نسائية",
                    "بنات",
                    "للنساء فقط",
                    "نساء",
                    "سباحة للنساء",
                    "تعلم السباحة",
                    "بوركيني",
                    "رياضة للستات",
                    "دفاع عن النفس",
                    "تعلم ركوب الدراجة",
                    "بسكليت",
                    "رقص",
                    "مدربة",
                    "رعاية الأطفال",
                ),
                "ku": (
                    "werzişa jinan",
                    "keç",
                    "tenê jin",
                    "jin",
                    "avjenî ji bo jinan",
                    "fêrbûna avjeniyê",
                    "burkînî",
                    "fitness ji bo jinan",
                    "xweparastin",
                    "fêrbûna duçerxeyê",
                    "bisîklêt",
                    "dans",
                    "rahênera jin",
                    "lênêrîna zarokan",
                ),
            },
        ),
        Service(
            id="sportjugend",
            names={
                "de": "Sportjugend: Sport für Kinder und Jugendliche",
                "en": "Youth sports: sport for children and young people",
                "ar": "رياضة الشباب: الرياضة للأطفال واليافعين",
                "ku": "Werzişa ciwanan: werziş ji bo zarok û ciwanan",
            },
            descriptions={
                "de": (
                    "Ferienfreizeiten, Schwimmabzeichen, Sportfeste, Fußballturniere und offene Trainingsangebote in "
                    "Zusammenarbeit mit Schulen und Unterkünften; Ausbildung junger Menschen zu Übungsleitern und "
                    "Jugendleitern."
                ),
                "en": (
                    "Holiday camps, swimming badges, sports days, football tournaments and open training sessions "
                    "together with schools and accommodation centres; training young people as coaches and youth "
                    "leaders."
                ),
                "ar": (
                    "مخيمات العطلة، وشارات السباحة، والمهرجانات الرياضية، ودورات كرة القدم، وتدريبات مفتوحة بالتعاون "
                    "مع المدارس ومراكز السكن؛ وتأهيل الشباب ليصبحوا مدربين وقادة شباب."
                ),
                "ku": (
                    "Kampên betlaneyê, nîşanên avjeniyê, şahiyên werzişê, tûrnûvayên futbolê û perwerdeyên vekirî bi "
                    "hevkariya dibistan û cihên bicihkirinê; perwerdekirina ciwanan ku bibin rahêner û rêberên "
                    "ciwanan."
                ),
            },
            languages=("de", "en"),
            eligibility={
                "de": "Kinder und Jugendliche von 6 bis 26 Jahren im Burgenlandkreis.",
                "en": "Children and young people aged 6 to 26 in the Burgenlandkreis.",
                "ar": "الأطفال واليافعون من عمر 6 إلى 26 عامًا في منطقة بورغنلاندكرايس.",
                "ku": "Zarok û ciwanên ji 6 heta 26 salî li Burgenlandkreisê.",
            },
            required_documents={
                "de": (
                    "Einverständniserklärung der Eltern oder des Vormunds",
                    "Bei Ferienfreizeiten: Krankenversicherungskarte und Impfausweis",
                ),
                "en": (
                    "Consent form signed by the parents or guardian",
                    "For holiday camps: health insurance card and vaccination record",
                ),
                "ar": ("إقرار موافقة من الأهل أو الوصي", "لمخيمات العطلة: بطاقة التأمين الصحي ودفتر التطعيم"),
                "ku": (
                    "Forma razîbûnê ya dêûbavan an serpereşt",
                    "Ji bo kampên betlaneyê: karta sîgorteya tenduristiyê û qerta derziyan",
                ),
            },
            needs_fields=("given_names", "family_name", "birth_date", "phone", "sport_interests"),
            keywords={
                "de": (
                    "Jugendsport",
                    "Kinder",
                    "Kindersport",
                    "Ferienlager",
                    "Ferienfreizeit",
                    "Ferien",
                    "Schwimmabzeichen",
                    "Seepferdchen",
                    "Fußballturnier",
                    "Jugendleiter",
                    "Übungsleiter",
                    "Trainer werden",
                    "Jugendliche",
                    "Sportfest",
                ),
                "en": (
                    "youth sport",
                    "kids",
                    "children's sport",
                    "holiday camp",
                    "summer camp",
                    "holidays",
                    "swimming badge",
                    "football tournament",
                    "youth leader",
                    "become a coach",
                    "teenagers",
                    "sports day",
                    "activities for kids",
                ),
                "ar": (
                    "رياضة الشباب",
                    "أطفال",
                    "رياضة للأولاد",
                    "مخيم صيفي",
                    "العطلة",
                    "شارة السباحة",
                    "دوري كرة قدم",
                    "قائد شباب",
                    "بدي صير مدرب",
                    "مدرب",
                    "مراهقين",
                    "مهرجان رياضي",
                    "نشاطات للأطفال",
                ),
                "ku": (
                    "werzişa ciwanan",
                    "zarok",
                    "werzişa zarokan",
                    "kampa havînê",
                    "betlane",
                    "nîşana avjeniyê",
                    "Seepferdchen",
                    "tûrnûvaya futbolê",
                    "rêberê ciwanan",
                    "bibim rahêner",
                    "rahêner",
                    "ciwan",
                    "şahiya werzişê",
                ),
            },
        ),
    )


def declaration() -> Partner:
    return Partner(
        id="sportbund",
        kind=PartnerKind.EXTERNAL,
        names={
            "de": "Kreissportbund Burgenlandkreis e. V.",
            "en": "Burgenlandkreis District Sports Association",
            "ar": "اتحاد الرياضة في منطقة بورغنلاندكرايس",
            "ku": "Yekîtiya Werzişê ya Navçeya Burgenlandkreis",
        },
        descriptions={
            "de": (
                "Dachverband der Sportvereine im Landkreis. Wir finden für Sie und Ihre Kinder den passenden Verein, "
                "helfen bei Mitgliedschaft und Beiträgen und bieten eigene Angebote für Mädchen und Frauen sowie über "
                "die Sportjugend."
            ),
            "en": (
                "Umbrella organisation of the sports clubs in the county. We find the right club for you and your "
                "children, help with membership and fees, and run our own programmes for girls and women and through "
                "our youth sports section."
            ),
            "ar": (
                "الاتحاد الجامع للأندية الرياضية في المقاطعة. نجد لك ولأطفالك النادي المناسب، ونساعد في العضوية "
                "والاشتراكات، ونقدم برامج خاصة للفتيات والنساء ومن خلال قسم رياضة الشباب."
            ),
            "ku": (
                "Rêxistina sereke ya klûbên werzişê li navçeyê. Em ji we û zarokên we re klûba guncav dibînin, di "
                "endamtî û aîdatan de alîkarî dikin, û bernameyên taybet ji bo keç û jinan û bi rêya beşa werzişa "
                "ciwanan pêşkêş dikin."
            ),
        },
        contact=Contact(
            email="info@kreissportbund-blk.example",
            phone="03445 0000-400",
            website="https://www.kreissportbund-blk.example",
        ),
        locations=(
            Location(
                name="Geschäftsstelle Kreissportbund",
                address="Jenaer Straße 190, 06618 Naumburg (Saale)",
                rooms=("E.12", "1.01"),
            ),
        ),
        opening_hours=(
            OpeningHours(weekday=0, opens="09:00", closes="15:00"),
            OpeningHours(weekday=1, opens="09:00", closes="17:00"),
            OpeningHours(weekday=3, opens="09:00", closes="17:00"),
            OpeningHours(weekday=4, opens="09:00", closes="12:00"),
        ),
        services=_services(),
        grants=_field_grants(),
    )

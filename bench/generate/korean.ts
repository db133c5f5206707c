/**
 * Korean names, book titles, publishers and places for the generated network. Surnames follow
 * their real shares (김 about a fifth, 이 a seventh …); titles mix fiction and non-fiction
 * patterns; regions are Korea's 17 provinces and metropolitan cities with real district names.
 */
import type { Rng } from './random.js';

/** Surname and its share of the population in per mille (Statistics Korea, 2015 census, rounded). */
export const SURNAMES: readonly [string, number][] = [
  ['김', 215],
  ['이', 147],
  ['박', 84],
  ['최', 47],
  ['정', 43],
  ['강', 24],
  ['조', 21],
  ['윤', 21],
  ['장', 20],
  ['임', 17],
  ['한', 15],
  ['오', 15],
  ['서', 15],
  ['신', 14],
  ['권', 14],
  ['황', 14],
  ['안', 14],
  ['송', 13],
  ['류', 12],
  ['전', 11],
  ['홍', 11],
  ['고', 9],
  ['문', 9],
  ['양', 9],
  ['손', 9],
  ['배', 8],
  ['백', 8],
  ['허', 7],
  ['유', 6],
  ['남', 6],
  ['심', 5],
  ['노', 5],
  ['하', 5],
  ['곽', 4],
  ['성', 4],
  ['차', 4],
  ['주', 4],
  ['우', 4],
  ['구', 4],
  ['민', 3],
  ['진', 3],
  ['나', 3],
  ['지', 3],
  ['엄', 3],
  ['채', 3],
  ['원', 3],
  ['천', 2],
  ['방', 2],
];

const SURNAME_CUMULATIVE = (() => {
  let sum = 0;
  return SURNAMES.map(([name, share]) => {
    sum += share;
    return [name, sum] as const;
  });
})();
const SURNAME_TOTAL = SURNAME_CUMULATIVE.at(-1)![1];

export function surname(rng: Rng): string {
  const target = rng.next() * SURNAME_TOTAL;
  for (const [name, upTo] of SURNAME_CUMULATIVE) if (target < upTo) return name;
  return '김';
}

/** Popular given names of several generations, and syllables to make rarer ones. */
const GIVEN_NAMES = [
  '민준',
  '서준',
  '도윤',
  '예준',
  '시우',
  '하준',
  '주원',
  '지호',
  '지후',
  '준우',
  '준서',
  '건우',
  '현우',
  '우진',
  '선우',
  '서연',
  '서윤',
  '지우',
  '서현',
  '민서',
  '하은',
  '하윤',
  '윤서',
  '지유',
  '지민',
  '채원',
  '수아',
  '지아',
  '다은',
  '예은',
  '수빈',
  '유진',
  '민지',
  '지영',
  '은정',
  '현정',
  '미경',
  '정숙',
  '영희',
  '순자',
  '영수',
  '영호',
  '성민',
  '상훈',
  '동현',
  '재현',
  '승현',
  '정훈',
  '성호',
  '경민',
  '혜진',
  '소연',
  '은영',
  '미영',
  '지훈',
  '태현',
  '민호',
  '진영',
  '수진',
  '보람',
];
const FIRST_SYLLABLES = [
  '민',
  '서',
  '지',
  '하',
  '도',
  '예',
  '시',
  '주',
  '준',
  '현',
  '수',
  '유',
  '은',
  '채',
  '다',
  '소',
  '윤',
  '태',
  '승',
  '재',
  '정',
  '성',
  '경',
  '혜',
  '미',
  '영',
  '진',
  '나',
  '가',
  '한',
];
const SECOND_SYLLABLES = [
  '준',
  '윤',
  '우',
  '연',
  '원',
  '호',
  '후',
  '아',
  '은',
  '민',
  '빈',
  '진',
  '희',
  '훈',
  '현',
  '서',
  '율',
  '린',
  '람',
  '솔',
  '결',
  '온',
  '별',
  '담',
  '하',
  '경',
  '숙',
  '수',
  '철',
  '규',
];

export function givenName(rng: Rng): string {
  if (rng.chance(0.6)) return rng.pick(GIVEN_NAMES);
  return rng.pick(FIRST_SYLLABLES) + rng.pick(SECOND_SYLLABLES);
}

export function personName(rng: Rng): string {
  return surname(rng) + givenName(rng);
}

export const PUBLISHERS = [
  '민음사',
  '창비',
  '문학동네',
  '김영사',
  '열린책들',
  '위즈덤하우스',
  '한빛미디어',
  '길벗',
  '웅진지식하우스',
  '사계절',
  '비룡소',
  '시공사',
  '을유문화사',
  '은행나무',
  '쌤앤파커스',
  '알에이치코리아',
  '문학과지성사',
  '휴머니스트',
  '책읽는곰',
  '보림',
  '다산북스',
  '북하우스',
  '한겨레출판',
  '돌베개',
  '궁리',
  '현암사',
  '생각의길',
  '푸른숲',
  '마음산책',
  '어크로스',
];

const NOUNS = [
  '바다',
  '별',
  '바람',
  '기억',
  '시간',
  '여름',
  '겨울',
  '고양이',
  '나무',
  '섬',
  '도시',
  '편지',
  '정원',
  '달',
  '강',
  '길',
  '꿈',
  '집',
  '노래',
  '마음',
  '밤',
  '하늘',
  '숲',
  '책',
  '창문',
  '골목',
  '계절',
  '빛',
  '그림자',
  '우주',
  '소년',
  '소녀',
  '할머니',
  '이웃',
  '여행',
  '식탁',
  '서점',
  '등대',
  '기차',
  '우체국',
  '눈',
  '비',
  '봄',
  '가을',
  '파도',
  '안개',
  '새벽',
  '오후',
  '약속',
  '비밀',
];
const ADJECTIVES = [
  '작은',
  '푸른',
  '오래된',
  '조용한',
  '따뜻한',
  '낯선',
  '눈부신',
  '하얀',
  '느린',
  '마지막',
  '첫',
  '우리의',
  '보이지 않는',
  '사라진',
  '빛나는',
  '긴',
  '다정한',
  '이상한',
  '투명한',
  '붉은',
];
const TOPICS = [
  '경제학',
  '심리학',
  '철학',
  '한국사',
  '세계사',
  '천문학',
  '뇌과학',
  '미술사',
  '글쓰기',
  '요리',
  '정원 가꾸기',
  '코딩',
  '통계학',
  '기후 변화',
  '민주주의',
  '인공지능',
  '건축',
  '클래식 음악',
  '진화론',
  '수학',
  '사회학',
  '육아',
  '투자',
  '인문학',
  '고전 문학',
  '한국 현대시',
  '영화',
];
const NUMBERS = ['세', '다섯', '일곱', '열', '열두', '스무', '서른', '백'];

/** KDC classes, by what the title pattern is about. */
const FICTION_CLASSES = ['813.6', '813.7', '813.8', '843', '863', '833'];
const POETRY_CLASSES = ['811.6', '811.7'];
const NONFICTION_CLASSES = [
  '320',
  '180',
  '911',
  '909',
  '440',
  '650',
  '802',
  '594',
  '005',
  '310',
  '340',
  '470',
  '610',
];
const CHILDREN_CLASSES = ['808.9', '813.8'];

export interface Title {
  title: string;
  classNumber: string;
}

/** 을 after a final consonant, 를 after a vowel. */
function objectParticle(word: string): string {
  const code = word.charCodeAt(word.length - 1) - 0xac00;
  return code >= 0 && code % 28 !== 0 ? '을' : '를';
}

/** A book title, as a pure function of its generator's state. */
export function bookTitle(rng: Rng): Title {
  const kind = rng.int(10);
  const noun = rng.pick(NOUNS);
  const other = rng.pick(NOUNS);
  const adjective = rng.pick(ADJECTIVES);
  const topic = rng.pick(TOPICS);
  let title: string;
  let classNumber: string;
  switch (kind) {
    case 0:
      title = `${adjective} ${noun}`;
      classNumber = rng.pick(FICTION_CLASSES);
      break;
    case 1:
      title = `${noun}의 ${other}`;
      classNumber = rng.pick(FICTION_CLASSES);
      break;
    case 2:
      title = `${adjective} ${noun}의 ${other}`;
      classNumber = rng.pick(FICTION_CLASSES);
      break;
    case 3:
      title = `${noun}에게 보내는 ${other}`;
      classNumber = rng.pick(POETRY_CLASSES);
      break;
    case 4:
      title = `처음 만나는 ${topic}`;
      classNumber = rng.pick(NONFICTION_CLASSES);
      break;
    case 5:
      title = `${topic}의 역사`;
      classNumber = rng.pick(NONFICTION_CLASSES);
      break;
    case 6:
      title = `한 권으로 읽는 ${topic}`;
      classNumber = rng.pick(NONFICTION_CLASSES);
      break;
    case 7:
      title = `${rng.pick(NUMBERS)} 가지 ${topic} 이야기`;
      classNumber = rng.pick(NONFICTION_CLASSES);
      break;
    case 8:
      title = `${noun}${objectParticle(noun)} 찾아서`;
      classNumber = rng.pick(CHILDREN_CLASSES);
      break;
    default:
      title = `${adjective} ${noun} ${1 + rng.int(5)}`;
      classNumber = rng.pick(FICTION_CLASSES);
  }
  return { title, classNumber };
}

/** Initial consonant of a Hangul syllable, as Korean call numbers use it (`김` → `ㄱ`). */
const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
export function initialConsonant(syllable: string): string {
  const code = syllable.charCodeAt(0) - 0xac00;
  if (code < 0 || code > 11171) return syllable.charAt(0);
  return INITIALS.charAt(Math.floor(code / 588));
}

/** A valid ISBN-13 from a 9-digit body (prefix 979-11, Korea's current range). */
export function isbn13(n: number): string {
  const body = `97911${String(n % 100_000_000).padStart(7, '0')}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}

export interface Province {
  code: string;
  nameKo: string;
  nameEn: string;
  /** Share of the population, in per mille (2024, rounded). */
  share: number;
  districts: [string, string][];
}

/**
 * Korea's provinces and metropolitan cities with (some of) their districts, for the national
 * network. Gyeongsangnam-do comes from the seed document and is not repeated here.
 */
export const OTHER_PROVINCES: Province[] = [
  {
    code: 'seoul',
    nameKo: '서울특별시',
    nameEn: 'Seoul',
    share: 182,
    districts: [
      ['강남구', 'Gangnam-gu'],
      ['강동구', 'Gangdong-gu'],
      ['강북구', 'Gangbuk-gu'],
      ['강서구', 'Gangseo-gu'],
      ['관악구', 'Gwanak-gu'],
      ['광진구', 'Gwangjin-gu'],
      ['구로구', 'Guro-gu'],
      ['금천구', 'Geumcheon-gu'],
      ['노원구', 'Nowon-gu'],
      ['도봉구', 'Dobong-gu'],
      ['동대문구', 'Dongdaemun-gu'],
      ['동작구', 'Dongjak-gu'],
      ['마포구', 'Mapo-gu'],
      ['서대문구', 'Seodaemun-gu'],
      ['서초구', 'Seocho-gu'],
      ['성동구', 'Seongdong-gu'],
      ['성북구', 'Seongbuk-gu'],
      ['송파구', 'Songpa-gu'],
      ['양천구', 'Yangcheon-gu'],
      ['영등포구', 'Yeongdeungpo-gu'],
      ['용산구', 'Yongsan-gu'],
      ['은평구', 'Eunpyeong-gu'],
      ['종로구', 'Jongno-gu'],
      ['중구', 'Jung-gu'],
      ['중랑구', 'Jungnang-gu'],
    ],
  },
  {
    code: 'busan',
    nameKo: '부산광역시',
    nameEn: 'Busan',
    share: 64,
    districts: [
      ['해운대구', 'Haeundae-gu'],
      ['부산진구', 'Busanjin-gu'],
      ['동래구', 'Dongnae-gu'],
      ['남구', 'Nam-gu'],
      ['북구', 'Buk-gu'],
      ['사하구', 'Saha-gu'],
      ['금정구', 'Geumjeong-gu'],
      ['연제구', 'Yeonje-gu'],
      ['수영구', 'Suyeong-gu'],
      ['사상구', 'Sasang-gu'],
      ['기장군', 'Gijang-gun'],
      ['영도구', 'Yeongdo-gu'],
    ],
  },
  {
    code: 'daegu',
    nameKo: '대구광역시',
    nameEn: 'Daegu',
    share: 46,
    districts: [
      ['수성구', 'Suseong-gu'],
      ['달서구', 'Dalseo-gu'],
      ['북구', 'Buk-gu'],
      ['동구', 'Dong-gu'],
      ['서구', 'Seo-gu'],
      ['남구', 'Nam-gu'],
      ['중구', 'Jung-gu'],
      ['달성군', 'Dalseong-gun'],
    ],
  },
  {
    code: 'incheon',
    nameKo: '인천광역시',
    nameEn: 'Incheon',
    share: 58,
    districts: [
      ['연수구', 'Yeonsu-gu'],
      ['남동구', 'Namdong-gu'],
      ['부평구', 'Bupyeong-gu'],
      ['계양구', 'Gyeyang-gu'],
      ['서구', 'Seo-gu'],
      ['미추홀구', 'Michuhol-gu'],
      ['중구', 'Jung-gu'],
      ['강화군', 'Ganghwa-gun'],
    ],
  },
  {
    code: 'gwangju',
    nameKo: '광주광역시',
    nameEn: 'Gwangju',
    share: 28,
    districts: [
      ['북구', 'Buk-gu'],
      ['광산구', 'Gwangsan-gu'],
      ['서구', 'Seo-gu'],
      ['남구', 'Nam-gu'],
      ['동구', 'Dong-gu'],
    ],
  },
  {
    code: 'daejeon',
    nameKo: '대전광역시',
    nameEn: 'Daejeon',
    share: 28,
    districts: [
      ['유성구', 'Yuseong-gu'],
      ['서구', 'Seo-gu'],
      ['중구', 'Jung-gu'],
      ['동구', 'Dong-gu'],
      ['대덕구', 'Daedeok-gu'],
    ],
  },
  {
    code: 'ulsan',
    nameKo: '울산광역시',
    nameEn: 'Ulsan',
    share: 21,
    districts: [
      ['남구', 'Nam-gu'],
      ['중구', 'Jung-gu'],
      ['북구', 'Buk-gu'],
      ['동구', 'Dong-gu'],
      ['울주군', 'Ulju-gun'],
    ],
  },
  {
    code: 'sejong',
    nameKo: '세종특별자치시',
    nameEn: 'Sejong',
    share: 8,
    districts: [['세종시', 'Sejong-si']],
  },
  {
    code: 'gyeonggi',
    nameKo: '경기도',
    nameEn: 'Gyeonggi-do',
    share: 265,
    districts: [
      ['수원시', 'Suwon-si'],
      ['용인시', 'Yongin-si'],
      ['고양시', 'Goyang-si'],
      ['화성시', 'Hwaseong-si'],
      ['성남시', 'Seongnam-si'],
      ['부천시', 'Bucheon-si'],
      ['남양주시', 'Namyangju-si'],
      ['안산시', 'Ansan-si'],
      ['평택시', 'Pyeongtaek-si'],
      ['안양시', 'Anyang-si'],
      ['시흥시', 'Siheung-si'],
      ['파주시', 'Paju-si'],
      ['김포시', 'Gimpo-si'],
      ['의정부시', 'Uijeongbu-si'],
      ['광주시', 'Gwangju-si'],
      ['하남시', 'Hanam-si'],
      ['광명시', 'Gwangmyeong-si'],
      ['군포시', 'Gunpo-si'],
      ['양주시', 'Yangju-si'],
      ['오산시', 'Osan-si'],
      ['이천시', 'Icheon-si'],
      ['구리시', 'Guri-si'],
      ['안성시', 'Anseong-si'],
      ['포천시', 'Pocheon-si'],
      ['의왕시', 'Uiwang-si'],
      ['양평군', 'Yangpyeong-gun'],
      ['여주시', 'Yeoju-si'],
      ['동두천시', 'Dongducheon-si'],
      ['과천시', 'Gwacheon-si'],
      ['가평군', 'Gapyeong-gun'],
      ['연천군', 'Yeoncheon-gun'],
    ],
  },
  {
    code: 'gangwon',
    nameKo: '강원특별자치도',
    nameEn: 'Gangwon-do',
    share: 30,
    districts: [
      ['춘천시', 'Chuncheon-si'],
      ['원주시', 'Wonju-si'],
      ['강릉시', 'Gangneung-si'],
      ['동해시', 'Donghae-si'],
      ['속초시', 'Sokcho-si'],
      ['삼척시', 'Samcheok-si'],
      ['홍천군', 'Hongcheon-gun'],
      ['평창군', 'Pyeongchang-gun'],
    ],
  },
  {
    code: 'chungbuk',
    nameKo: '충청북도',
    nameEn: 'Chungcheongbuk-do',
    share: 31,
    districts: [
      ['청주시', 'Cheongju-si'],
      ['충주시', 'Chungju-si'],
      ['제천시', 'Jecheon-si'],
      ['음성군', 'Eumseong-gun'],
      ['진천군', 'Jincheon-gun'],
      ['옥천군', 'Okcheon-gun'],
    ],
  },
  {
    code: 'chungnam',
    nameKo: '충청남도',
    nameEn: 'Chungcheongnam-do',
    share: 41,
    districts: [
      ['천안시', 'Cheonan-si'],
      ['아산시', 'Asan-si'],
      ['서산시', 'Seosan-si'],
      ['당진시', 'Dangjin-si'],
      ['논산시', 'Nonsan-si'],
      ['공주시', 'Gongju-si'],
      ['보령시', 'Boryeong-si'],
      ['홍성군', 'Hongseong-gun'],
    ],
  },
  {
    code: 'jeonbuk',
    nameKo: '전북특별자치도',
    nameEn: 'Jeonbuk',
    share: 34,
    districts: [
      ['전주시', 'Jeonju-si'],
      ['익산시', 'Iksan-si'],
      ['군산시', 'Gunsan-si'],
      ['정읍시', 'Jeongeup-si'],
      ['남원시', 'Namwon-si'],
      ['김제시', 'Gimje-si'],
      ['완주군', 'Wanju-gun'],
    ],
  },
  {
    code: 'jeonnam',
    nameKo: '전라남도',
    nameEn: 'Jeollanam-do',
    share: 35,
    districts: [
      ['여수시', 'Yeosu-si'],
      ['순천시', 'Suncheon-si'],
      ['목포시', 'Mokpo-si'],
      ['광양시', 'Gwangyang-si'],
      ['나주시', 'Naju-si'],
      ['무안군', 'Muan-gun'],
      ['해남군', 'Haenam-gun'],
      ['담양군', 'Damyang-gun'],
    ],
  },
  {
    code: 'gyeongbuk',
    nameKo: '경상북도',
    nameEn: 'Gyeongsangbuk-do',
    share: 50,
    districts: [
      ['포항시', 'Pohang-si'],
      ['구미시', 'Gumi-si'],
      ['경산시', 'Gyeongsan-si'],
      ['경주시', 'Gyeongju-si'],
      ['안동시', 'Andong-si'],
      ['김천시', 'Gimcheon-si'],
      ['영주시', 'Yeongju-si'],
      ['상주시', 'Sangju-si'],
    ],
  },
  {
    code: 'jeju',
    nameKo: '제주특별자치도',
    nameEn: 'Jeju',
    share: 13,
    districts: [
      ['제주시', 'Jeju-si'],
      ['서귀포시', 'Seogwipo-si'],
    ],
  },
];

/** What generated libraries are called after their district (`강남구 도곡꿈나무도서관`). */
const LIBRARY_PLACES: [string, string][] = [
  ['중앙', 'Central'],
  ['어린이', "Children's"],
  ['꿈나무', 'Kkumnamu'],
  ['행복', 'Haengbok'],
  ['푸른솔', 'Pureunsol'],
  ['새솔', 'Saesol'],
  ['해오름', 'Haeoreum'],
  ['별빛', 'Byeolbit'],
  ['글마루', 'Geulmaru'],
  ['한울', 'Hanul'],
  ['책마루', 'Chaengmaru'],
  ['햇살', 'Haetsal'],
  ['평생학습', 'Lifelong Learning'],
  ['가온', 'Gaon'],
  ['느티나무', 'Neutinamu'],
  ['열린', 'Yeollin'],
  ['작은', 'Small'],
  ['시민', "Citizens'"],
  ['청소년', 'Youth'],
  ['숲속', 'Forest'],
];

export function libraryName(district: [string, string], n: number): [string, string] {
  const [placeKo, placeEn] = LIBRARY_PLACES[n % LIBRARY_PLACES.length]!;
  const round = Math.floor(n / LIBRARY_PLACES.length);
  const suffixKo = round === 0 ? '' : ` 제${round + 1}`;
  const suffixEn = round === 0 ? '' : ` ${round + 1}`;
  return [
    `${district[0]}립 ${placeKo}도서관${suffixKo}`,
    `${district[1]} ${placeEn} Library${suffixEn}`,
  ];
}

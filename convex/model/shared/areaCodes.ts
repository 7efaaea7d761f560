/**
 * NANP area codes (US, Canada, the Caribbean) → IANA time zone, for quiet hours. An area code
 * spanning two zones gets the zone most of its people live in (850: the Florida panhandle west
 * of Tallahassee, Central; 812: southern Indiana, Eastern; 270: western Kentucky, Central).
 * Toll-free and unassigned codes have no zone: the caller falls back to the organization's. Pure data.
 */

const AREA_CODES_BY_ZONE: Record<string, string> = {
  "America/New_York":
    "202 771 203 475 860 959 302 239 305 321 324 352 386 407 561 645 656 689 727 754 772 786 813 863 904 941 954 " +
    "229 404 470 478 678 706 762 770 912 943 207 227 240 301 410 443 667 339 351 413 508 617 774 781 857 978 " +
    "603 201 551 609 640 732 848 856 862 908 973 212 315 329 332 347 363 516 518 585 607 624 631 646 680 716 718 " +
    "838 845 914 917 929 934 252 336 472 704 743 828 910 919 980 984 216 220 234 283 326 330 380 419 436 440 513 " +
    "567 614 740 937 215 223 267 272 412 445 484 570 582 610 717 724 814 835 878 401 803 839 843 854 864 423 865 " +
    "802 276 434 540 571 703 757 804 826 948 304 681 606 859",
  "America/Detroit": "231 248 269 313 517 586 616 679 734 810 906 947 989",
  "America/Indiana/Indianapolis": "260 317 463 574 765 812 930",
  "America/Kentucky/Louisville": "502",
  "America/Chicago":
    "205 251 256 334 659 938 327 479 501 870 448 850 217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 " +
    "861 872 219 319 515 563 641 712 316 620 785 913 270 364 225 318 337 504 985 218 320 507 612 651 763 924 952 " +
    "228 601 662 769 235 314 417 557 573 636 660 816 308 402 531 701 405 539 572 580 918 605 615 629 731 901 931 " +
    "210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979 " +
    "262 274 353 414 534 608 715 920",
  "America/Denver": "303 719 720 970 983 406 505 575 915 385 435 801 307",
  "America/Boise": "208 986",
  "America/Phoenix": "480 520 602 623 928",
  "America/Los_Angeles":
    "209 213 279 310 323 341 350 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 747 760 " +
    "805 818 820 831 837 840 858 909 916 925 949 951 702 725 775 458 503 541 971 206 253 360 425 509 564",
  "America/Anchorage": "907",
  "Pacific/Honolulu": "808",
  "America/Puerto_Rico": "787 939",
  "America/St_Thomas": "340",
  "Pacific/Guam": "671 670",
  "Pacific/Pago_Pago": "684",
  // Canada
  "America/Toronto":
    "226 249 289 343 365 382 387 416 437 519 548 613 647 683 705 742 753 807 905 942 " +
    "263 354 367 418 438 450 468 514 579 581 819 873",
  "America/Winnipeg": "204 431 584",
  "America/Regina": "306 474 639",
  "America/Edmonton": "368 403 587 780 825 867",
  "America/Vancouver": "236 250 257 604 672 778",
  "America/Moncton": "428 506",
  "America/Halifax": "782 902",
  "America/St_Johns": "709 879",
  // The Caribbean and Bermuda
  "America/Nassau": "242",
  "America/Barbados": "246",
  "America/Anguilla": "264",
  "America/Antigua": "268",
  "America/Tortola": "284",
  "America/Cayman": "345",
  "Atlantic/Bermuda": "441",
  "America/Grenada": "473",
  "America/Grand_Turk": "649",
  "America/Jamaica": "658 876",
  "America/Montserrat": "664",
  "America/Lower_Princes": "721",
  "America/St_Lucia": "758",
  "America/Dominica": "767",
  "America/St_Vincent": "784",
  "America/Santo_Domingo": "809 829 849",
  "America/Port_of_Spain": "868",
  "America/St_Kitts": "869",
};

/** Area code → zone, built once from the table above. */
export const AREA_CODE_ZONES: ReadonlyMap<string, string> = new Map(
  Object.entries(AREA_CODES_BY_ZONE).flatMap(([zone, codes]) => codes.split(" ").map((code) => [code, zone] as const)),
);

/** The IANA zone of a +1 number's area code, or null (another country, toll-free, unknown code). */
export function zoneOfPhone(phone: string): string | null {
  const m = /^\+1(\d{3})\d{7}$/.exec(phone);
  return m ? (AREA_CODE_ZONES.get(m[1]) ?? null) : null;
}

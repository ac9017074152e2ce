/**
 * Passwords too common to accept as a chosen password (Security rules), lower case.
 *
 * Most come, in order of frequency, from the entries of 8 characters or more (shorter ones fail the length
 * rule anyway) of `10-million-password-list-top-10000.txt` in SecLists (github.com/danielmiessler/SecLists,
 * MIT License; the data is Mark Burnett's 10 million password sample), leaving out obscene entries. The rest
 * are what applicants in Kyrgyzstan are likely to try: the ЙЦУКЕН keyboard rows, "пароль" and place names, in
 * Cyrillic and as typed on a Latin layout.
 */
const FROM_PUBLIC_LISTS = `
password 12345678 123456789 baseball football qwertyuiop 1234567890 superman 1qaz2wsx trustno1 jennifer
sunshine iloveyou starwars computer michelle 11111111 princess 987654321 corvette 1234qwer 88888888 q1w2e3r4t5
internet samantha whatever maverick steelers mercedes 123123123 qwer1234 midnight bigdaddy victoria 1q2w3e4r
cocacola marlboro asdfasdf 87654321 12344321 jordan23 liverpoo danielle abcd1234 scorpion qazwsxedc password1
slipknot qwerty123 startrek 12341234 redskins asdfghjkl qwertyui liverpool dolphins nicholas elephant mountain
xxxxxxxx 1q2w3e4r5t metallic benjamin creative rush2112 asdfghjk 4815162342 passw0rd 1qazxsw2 garfield
01012011 december 11223344 godzilla airborne lifehack brooklyn platinum darkness blink182 789456123 12qwaszx
snowball pakistan redwings williams nintendo november minecraft asdf1234 lasvegas babygirl 12121212 147258369
explorer snickers metallica alexande paradise michigan carolina lacrosse christin kimberly kristina 0987654321
poohbear qweasdzxc drowssap caroline einstein champion 12345qwert patricia aaaaaaaa anderson security stargate
simpsons scarface 123456789a 1234554321 cherokee veronica semperfi scotland marshall qwerty12 softball
passport alexander 55555555 zaq12wsx infinity kawasaki 77777777 vladimir freeuser wildcats budlight brittany
00000000 bulldogs swordfis patriots pearljam colorado ncc1701d motorola logitech juventus wolverin hello123
panthers elizabet spiderma virginia valentin predator mitchell 741852963 1111111111 rolltide changeme lovelove
fktrcfylh loverboy chevelle cardinal michael1 147852369 spiderman darkside 123456789q 01011980 99999999
freepass fyfcnfcbz 22222222 1029384756 01012000 cheyenne billybob lawrence chocolat business cjkysirj
123qweasd stingray serenity greenday charlie1 firebird blizzard a1b2c3d4 password123 hercules tarheels
remember basketball zeppelin swimming pavilion engineer bobafett 21122112 darkstar icecream hellfire fireball
rockstar defender airforce abcdefgh swordfish presario wrangler precious harrison goldfish dbrnjhbz thailand
longhorn 123qweasdzxc wordpass 31415926 999999999 letmein1 assassin testtest microsoft devildog valentina
butterfly lonewolf babydoll atlantis angelina hotstuff deftones cadillac 1234abcd 01011990 blahblah birthday
veronika qazwsx123 mustang1 goldberg 12345678910 wolfgang leonardo basketba savannah cristina aardvark
sweetpea 13131313 freedom1 fredfred manchester kathleen hamilton 1qaz2wsx3edc stephani enterpri diamonds
morpheus 66666666 thuglife napoleon highland chandler trfnthbyf welcome1 123qwe123 wrinkle1 51505150 11235813
sherlock marathon overlord isabelle barcelona babylon5 ultimate superfly q1w2e3r4t5y6 jessica1 123454321
portugal 14789632 qazxswedc adgjmptw 1123581321 bluemoon margaret alejandr ghbdtnbr bonehead werewolf punkrock
giovanni cdtnkfyf tottenha hongkong a1234567 zzzzzzzz hollywoo sebastia charlott anthony1 111222333 colombia
columbia skywalke seinfeld qazwsxed wolverine 1q2w3e4r5t6y musicman megadeth twilight stardust skittles
shaney14 qwerty12345 123321123 intrepid 1234567a starcraft 192837465 25802580 slapshot ekaterina 123698745
1234512345 chargers warriors raistlin coltrane tacobell penelope 1a2b3c4d 19841984 12369874 halflife kangaroo
qwerasdf playtime panasonic christine beautiful meridian lonestar kittycat goodluck scoobydo crusader 12312312
guardian catalina 1122334455 californ stonecol anastasia vacation sithlord ragnarok keyboard 19921992 11112222
penguins lorraine titleist magnolia dodgeram aspirine 1234567q redalert qqqqqqqq munchkin mersedes blueeyes
sebastian research national 01012001 rammstein katerina freckles caliente mustangs qazwsxedcrfv oblivion
margarita deadhead zxcv1234 grateful formula1 a1s2d3f4 23232323 peterpan martinez justdoit goodtime alexandra
thankyou springer software sapphire richmond brucelee thunder1 plymouth mariners heather1 chelsea1
123456qwerty spectrum pineappl labrador commando 1234567890q 10101010 stephanie amsterdam webmaster fletcher
aquarius starfish monopoly infiniti blackjac 19871987 0000000000 sailboat richard1 godsmack emmanuel cosworth
19891989 rosemary lightnin chevrole catherin qwerty123456 frontier 01011991 spartans luckydog 15426378
snuggles qwertyuio ihateyou beefcake beatrice 111111111 whocares scooter1 doberman 5555555555 terminator
oklahoma ncc1701a keystone 19751975 romashka pa55word doughboy charlotte achilles patrick1 9876543210
vkontakte phillies jeremiah vfrcbvrf 19851985 technics september pinkfloy maryland kentucky hastings agent007
19911991 01011985 somethin porsche9 hurrican california bearbear 73501505 flamingo enterprise 19941994
19781978 01011970 truelove nebraska meatball warhammer universe sentinel manchest kamikaze handsome dthjybrf
designer blueblue australia 321654987 1qaz1qaz 01011981 pokemon1 jamesbon 19861986 01011986 superstar ssssssss
rjirfrgbde meatloaf lifetime 123456789z woofwoof turkey50 front242 apollo13 bigmoney azsxdcfv crazybab
19931993 19901990 poiuytrewq passwort 21212121 wildfire microsof chocolate chickens arsenal1 19831983 happyday
aberdeen 19951995 13243546 123456aa treasure theodore raiders1 gretchen ericsson albatros 1passwor zxcasdqwe
mikemike michaela excalibu 78945612 fordf150 greenbay greatone applepie 963852741 18436572 lisalisa hardrock
dinosaur pa55w0rd rastaman madeline hollywood hellyeah football1 february skywalker melissa1 happy123 abc12345
609609609 yosemite roadkill kingfish billyboy 123789456 saratoga robotech rasputin rangers1 passwords megapass
hedgehog davidson 20102010 12131415 vladislav translator splinter phoenix1 karolina 789789789 magicman
killbill jasmine1 01011989 wrestlin tommyboy sherwood passpass pass1234 majestic crawford asdasdasd
`;

const LIKELY_IN_KYRGYZSTAN = `
йцукенгш йцукенгшщ йцукенгшщз йцукенгшщзхъ фывапрол фывапролд фывапролдж фывапролджэ ячсмитьб ячсмитьбю
пароль12 пароль123 пароль1234 пароль12345 gfhjkm12 gfhjkm123 gfhjkm1234 parol123 parol1234 parol12345
кыргызстан кыргызстан1 кыргызстан123 kyrgyzstan kyrgyzstan1 kyrgyzstan123 rshuspcnfy бишкек123 bishkek123
bishkek2024 bishkek2025 manas123 qwerty1234 zxcvbnm123 asdfghjkl1 1234567890a
`;

let commonPasswordSet: ReadonlySet<string> | undefined;

/**
 * The list as a set, built at the first check: a function that never checks a chosen password (ID-card login,
 * consents) then bundles no list and spends no start-up time on it, since a module of plain constants is left out.
 */
export const commonPasswords = (): ReadonlySet<string> =>
  (commonPasswordSet ??= new Set(`${FROM_PUBLIC_LISTS} ${LIKELY_IN_KYRGYZSTAN}`.trim().split(/\s+/)));

#!/usr/bin/env python3
"""Cut the food starter subset (src/MedAtlas.Web/data/seed/foods/) out of the full USDA SR28 ASCII files.

Usage: python3 scripts/make-food-starter.py [SR28 folder] (default: ../shared/data/usda-sr28 beside the repo).
Lines are copied byte for byte (Windows-1252, CRLF, carets and tildes), so the starter set is read by the same
reader as `import usda-sr28`. Keeps the foods below, all their household measures, every food group, every
nutrient definition, and only the values of the nutrients the planner and the food page show.
"""
import gzip
import os
import sys

# NDB numbers of everyday foods, by kind. A comment names each as USDA does (shortened).
FOODS = """
09040 Bananas, raw | 09003 Apples, raw, with skin | 09004 Apples, raw, without skin | 09200 Oranges, raw
09132 Grapes, red or green | 09316 Strawberries, raw | 09050 Blueberries, raw | 09252 Pears, raw
09326 Watermelon, raw | 09266 Pineapple, raw | 09176 Mangos, raw | 09037 Avocados, raw | 09150 Lemons, raw
09148 Kiwifruit, green, raw | 09520 Kiwifruit, ZESPRI SunGold (curly quotes in SciName) | 09070 Cherries, sweet, raw
09298 Raisins, seedless | 09206 Orange juice, raw | 09209 Orange juice, chilled | 09016 Apple juice
09111 Grapefruit, raw | 09078 Cranberries, raw | 09302 Raspberries, raw | 09181 Melons, cantaloupe
09279 Plums, raw | 09094 Figs, dried | 09236 Peaches, raw
11090 Broccoli, raw | 11091 Broccoli, cooked | 11124 Carrots, raw | 11125 Carrots, cooked
11529 Tomatoes, red, raw | 11674 Potatoes, baked, flesh and skin | 11367 Potatoes, boiled
11507 Sweet potato, raw | 11508 Sweet potato, baked | 11510 Sweet potato, boiled | 11457 Spinach, raw
11251 Lettuce, romaine | 11252 Lettuce, iceberg | 11205 Cucumber, with peel | 11282 Onions, raw
11333 Peppers, sweet, green | 11821 Peppers, sweet, red | 11167 Corn, sweet, raw | 11168 Corn, sweet, cooked
11304 Peas, green, raw | 11305 Peas, green, cooked | 11260 Mushrooms, white | 11135 Cauliflower, raw
11109 Cabbage, raw | 11477 Squash, zucchini, raw | 11215 Garlic, raw | 11143 Celery, raw
11052 Beans, snap, green, raw | 11011 Asparagus, raw | 11233 Kale, raw | 11234 Kale, cooked
11080 Beets, raw | 11209 Eggplant, raw | 11371 Potatoes, mashed | 11549 Tomato sauce, canned | 11935 Catsup
18069 Bread, white | 18070 Bread, white, toasted | 18075 Bread, whole-wheat | 18060 Bread, rye
18041 Bread, pita | 18350 Rolls, hamburger | 18258 English muffins | 18001 Bagels, plain
18363 Tortillas, corn | 18364 Tortillas, flour | 18274 Muffins, blueberry | 18239 Croissants, butter
18228 Crackers, saltines | 18159 Cookies, chocolate chip
20045 Rice, white, cooked | 20044 Rice, white, raw | 20037 Rice, brown, cooked | 20036 Rice, brown, raw
20121 Pasta, cooked | 20125 Pasta, whole-wheat, cooked | 20137 Quinoa, cooked | 20029 Couscous, cooked
08120 Oats, dry | 08121 Oats, cooked with water | 08020 Corn Flakes
01077 Milk, whole | 01079 Milk, 2% | 01082 Milk, 1% | 01085 Milk, nonfat | 01102 Milk, chocolate
01256 Yogurt, Greek, plain, nonfat | 01287 Yogurt, Greek, plain, lowfat | 01293 Yogurt, Greek, plain, whole milk
01284 Yogurt, Greek, strawberry, lowfat | 01116 Yogurt, plain, whole milk | 01117 Yogurt, plain, low fat
01120 Yogurt, fruit, low fat | 01009 Cheese, cheddar | 01026 Cheese, mozzarella | 01028 Cheese, mozzarella, part skim
01032 Cheese, parmesan, grated | 01012 Cheese, cottage | 01017 Cheese, cream | 01019 Cheese, feta
01040 Cheese, swiss | 01035 Cheese, provolone | 01001 Butter, salted | 01049 Cream, half and half
01056 Cream, sour | 01123 Egg, whole, raw | 01128 Egg, fried | 01129 Egg, hard-boiled | 01132 Egg, scrambled
01124 Egg, white, raw | 19088 Ice cream, vanilla, light | 19089 Ice cream, vanilla, rich
05062 Chicken breast, raw | 05063 Chicken breast, fried | 05064 Chicken breast, roasted | 05065 Chicken breast, stewed
05060 Chicken breast with skin, roasted | 05098 Chicken thigh, roasted | 05074 Chicken drumstick, stewed
05166 Turkey, roasted | 13317 Beef patties, broiled | 23220 Beef, ground, cooked | 23557 Beef, ground, 95% lean, raw
23568 Beef, ground, 85% lean, broiled | 23572 Beef, ground, 80% lean, raw | 13451 Beef, top sirloin, broiled
10036 Pork chops, raw | 10022 Pork loin, broiled | 10123 Bacon | 10860 Bacon, baked | 07089 Sausage, Italian
07027 Ham, chopped | 07022 Frankfurter, beef | 07007 Bologna, beef | 17225 Lamb, ground, broiled
15236 Salmon, farmed, raw | 15237 Salmon, farmed, cooked | 15081 Salmon, coho, raw | 15121 Tuna, canned in water
15119 Tuna, canned in oil | 15015 Cod, raw | 15016 Cod, cooked | 15262 Tilapia, cooked | 15149 Shrimp, raw
16014 Black beans, raw | 16015 Black beans, cooked | 16057 Chickpeas, cooked | 16069 Lentils, raw
16070 Lentils, cooked | 16028 Kidney beans, cooked | 16043 Pinto beans, cooked | 16127 Tofu, soft
16137 Hummus | 16120 Soymilk | 16098 Peanut butter, smooth | 16397 Peanut butter, chunky | 16390 Peanuts, dry-roasted
16123 Soy sauce
12061 Almonds | 12155 Walnuts | 12085 Cashews | 12152 Pistachios | 12142 Pecans | 12036 Sunflower seeds
12006 Chia seeds | 12220 Flaxseed
04053 Oil, olive | 04582 Oil, canola | 04506 Oil, sunflower | 04047 Oil, coconut | 04610 Margarine
04708 Mayonnaise, reduced fat | 02046 Mustard | 06164 Salsa | 06019 Soup, chicken noodle
19296 Honey | 19335 Sugar | 19334 Sugar, brown | 19353 Maple syrup | 19297 Jam | 19120 Milk chocolate
19903 Chocolate, dark 60-69% | 19125 Hazelnut spread | 19411 Potato chips | 19034 Popcorn, air-popped
19047 Pretzels
14209 Coffee, brewed | 14201 Coffee, decaf | 14355 Tea, black, brewed | 14148 Cola | 14147 Cola, caffeine free
14411 Water, tap | 14003 Beer | 14006 Beer, light | 14096 Wine, red | 14106 Wine, white | 14037 Spirits, 80 proof
14016 Almond milk | 14154 Red Bull
21237 McDONALD'S, BIG MAC | 21238 McDONALD'S, french fries | 21228 McDONALD'S, Hamburger
21138 Fast foods, french fries | 21108 Fast foods, hamburger | 21090 Fast foods, cheeseburger
21224 Pizza, cheese, frozen | 21253 BURGER KING, WHOPPER with cheese
03129 Babyfood, bananas with tapioca
"""

# The planner's seven (208 energy, 205 carbohydrate, 203 protein, 204 fat, 291 fibre, 307 sodium, 269 sugars)
# and what the food page adds (601 cholesterol, 606 saturated fat, 301 calcium, 303 iron, 306 potassium, 401 vitamin C).
NUTRIENTS = {"208", "205", "203", "204", "291", "307", "269", "601", "606", "301", "303", "306", "401"}


def ids():
    found = []
    for item in FOODS.replace("\n", "|").split("|"):
        item = item.strip()
        if item:
            found.append(item.split(" ", 1)[0])
    return found


def lines(path):
    """The file's lines as bytes, each with its line end; adds CRLF to a last line without one."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    parts = data.split(b"\r\n")
    if parts and parts[-1] == b"":
        parts.pop()
    return [p + b"\r\n" for p in parts]


def key(line, n=1):
    fields = line.rstrip(b"\r\n").split(b"^")
    return [f.strip(b"~").decode("ascii") for f in fields[:n]]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(repo, "..", "shared", "data", "usda-sr28")
    target = os.path.join(repo, "src", "MedAtlas.Web", "data", "seed", "foods")
    os.makedirs(target, exist_ok=True)
    wanted = ids()
    if len(set(wanted)) != len(wanted):
        sys.exit("a food is listed twice: " + ", ".join(sorted({i for i in wanted if wanted.count(i) > 1})))
    wanted = set(wanted)

    def write(name, kept):
        with open(os.path.join(target, name), "wb") as f:
            f.writelines(kept)
        return len(kept)

    # Only the nutrients kept below and the groups of the foods kept: the starter set is a subset, not a copy.
    write("NUTR_DEF.txt", [l for l in lines(os.path.join(source, "NUTR_DEF.txt")) if key(l)[0] in NUTRIENTS])
    kept = [l for l in lines(os.path.join(source, "FOOD_DES.txt")) if key(l)[0] in wanted]
    groups = {key(l, 2)[1] for l in kept}
    write("FD_GROUP.txt", [l for l in lines(os.path.join(source, "FD_GROUP.txt")) if key(l)[0] in groups])
    foods = write("FOOD_DES.txt", kept)
    if foods != len(wanted):
        sys.exit(f"{len(wanted) - foods} of the listed foods are not in FOOD_DES.txt")
    portions = write("WEIGHT.txt", [l for l in lines(os.path.join(source, "WEIGHT.txt")) if key(l)[0] in wanted])
    nut = os.path.join(source, "NUT_DATA.txt")
    nut = nut if os.path.exists(nut) else nut + ".gz"
    values = write("NUT_DATA.txt", [l for l in lines(nut) if (lambda k: k[0] in wanted and k[1] in NUTRIENTS)(key(l, 2))])
    size = sum(os.path.getsize(os.path.join(target, n)) for n in os.listdir(target))
    print(f"{foods} foods, {portions} measures, {values} values: {size:,} bytes in {target}")


if __name__ == "__main__":
    main()

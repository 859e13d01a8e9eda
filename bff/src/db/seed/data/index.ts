import { departments } from './departments';
import { halls } from './halls';
import { itemsA } from './items-a';
import { itemsB } from './items-b';
import { policies } from './policies';

export const seedData = {
  departments,
  items: [...itemsA, ...itemsB],
  policies,
  halls,
};

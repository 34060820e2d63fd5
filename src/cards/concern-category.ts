import template from './concern-category.json';
import { expandCard, type AdaptiveCardJson } from './template';

export interface ConcernCategoryCardData {
  /** "Step 1 of 7". */
  progress: string;
  categories: { title: string; value: string }[];
  /** The category chosen before (when editing), or "". */
  selected: string;
  error: string;
}

export function renderConcernCategoryCard(data: ConcernCategoryCardData): AdaptiveCardJson {
  return expandCard(template, data);
}

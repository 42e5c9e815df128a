// Icons that route meta may name (meta.icon) for the admin menu. Only these are bundled (admin chunk);
// an unknown name falls back to Document. Add a name here when a page needs another icon.
import {
  DataAnalysis, DataLine, OfficeBuilding, User, UserFilled, Avatar, Document, Tickets, Calendar, EditPen,
  Monitor, Medal, Notebook, Setting, List, Checked, Histogram, Search, Lock, Collection, Reading, Stamp,
  Files, Clock, Management, Memo, Finished, Postcard, Promotion, Coordinate, School, Briefcase, Trophy,
  Bell, View, Key, Flag, Guide, DataBoard,
} from '@element-plus/icons-vue';

export const icons = {
  DataAnalysis, DataLine, OfficeBuilding, User, UserFilled, Avatar, Document, Tickets, Calendar, EditPen,
  Monitor, Medal, Notebook, Setting, List, Checked, Histogram, Search, Lock, Collection, Reading, Stamp,
  Files, Clock, Management, Memo, Finished, Postcard, Promotion, Coordinate, School, Briefcase, Trophy,
  Bell, View, Key, Flag, Guide, DataBoard,
};

export function iconOf(name) {
  return icons[name] || Document;
}
